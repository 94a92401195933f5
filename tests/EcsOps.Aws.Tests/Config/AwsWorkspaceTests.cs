using EcsOps.Aws.Config;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Config;

public class AwsWorkspaceTests
{
    private static AwsWorkspace Create(EcsOpsConfig config, Dictionary<string, string> variables) => new(new AwsWorkspaceOptions
    {
        Config = config,
        Environment = new EnvironmentVariables(variables),
        BaseCredentials = TestEnvironment.Credentials(),
        CacheDirectory = Path.Combine(Path.GetTempPath(), "ecsops-unused-cache"),
    });

    [Fact]
    public void Create_NoRegionAnywhere_ExplainsWhereToSetOne()
    {
        var error = Assert.Throws<ConfigException>(() => Create(EcsOpsConfig.Empty, []));

        Assert.Contains("no AWS region", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("defaults:\n  regions: [eu-north-1]\naccounts:\n  - { id: \"111111111111\", regions: [us-west-2] }\n", "eu-north-1")]
    [InlineData("accounts:\n  - { id: \"111111111111\", regions: [us-west-2] }\n", "ap-south-1")]
    public void HomeRegion_Precedence_ConfigThenEnvironmentThenAccounts(string yaml, string expected)
    {
        using var workspace = Create(ConfigLoader.Parse(yaml), new() { ["AWS_REGION"] = "ap-south-1" });

        Assert.Equal(expected, workspace.HomeRegion);
    }

    [Fact]
    public void HomeRegion_OnlyAccountsNameRegions_FirstAccountRegion()
    {
        using var workspace = Create(ConfigLoader.Parse("accounts:\n  - { id: \"111111111111\", regions: [us-west-2] }\n"), []);

        Assert.Equal("us-west-2", workspace.HomeRegion);
    }

    [Fact]
    public void Create_MaxAttemptsInConfig_BeatsEnvironment()
    {
        using var workspace = Create(
            ConfigLoader.Parse("defaults:\n  regions: [eu-west-1]\n  maxAttempts: 7\n"), new() { ["AWS_MAX_ATTEMPTS"] = "2" });

        Assert.Equal(7, workspace.Factory.Retry.MaxAttempts);
    }
}
