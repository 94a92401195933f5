using EcsOps.Aws.Config;
using EcsOps.Runbooks.Postgres;

namespace EcsOps.Runbooks.Tests.Postgres;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void Load_DbSection_SizeAndDirectory()
    {
        var settings = DatabaseSettings.Load(Parse("db:\n  asTaskAbove: 500MB\n  tempDirectory: /var/tmp/ecsops\n"));

        Assert.Equal(new DatabaseSettings { AsTaskAboveBytes = 500_000_000, TempDirectory = "/var/tmp/ecsops" }, settings);
    }

    [Fact]
    public void Load_NoSection_Defaults()
    {
        Assert.Equal(DatabaseSettings.Default, DatabaseSettings.Load(Parse("defaults:\n  regions: [us-east-1]\n")));
        Assert.Equal(2L * 1024 * 1024 * 1024, DatabaseSettings.Default.AsTaskAboveBytes);
    }

    [Theory]
    [InlineData("db:\n  asTaskAbove: lots\n", "2:16")]
    [InlineData("db:\n  asTaskBelow: 1GB\n", "2:3")]
    public void Load_Invalid_ConfigErrorWithPosition(string yaml, string position)
    {
        var error = Assert.Throws<ConfigException>(() => DatabaseSettings.Load(Parse(yaml)));

        Assert.Contains($"ecsops.yaml:{position}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1.5 GB", 1_500_000_000)]
    [InlineData("64KiB", 65_536)]
    [InlineData("1048576", 1_048_576)]
    [InlineData("10B", 10)]
    public void TryParseSize_UnitsDecimalAndBinary(string text, long bytes)
    {
        Assert.True(DatabaseSettings.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    private static EcsOpsConfig Parse(string yaml)
    {
        var directory = Directory.CreateTempSubdirectory("ecsops-db-settings-").FullName;
        try
        {
            var path = Path.Combine(directory, "ecsops.yaml");
            File.WriteAllText(path, yaml);
            return ConfigLoader.LoadFile(path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
