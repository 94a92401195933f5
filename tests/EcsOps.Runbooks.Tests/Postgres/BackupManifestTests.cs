using EcsOps.Runbooks.Postgres;

namespace EcsOps.Runbooks.Tests.Postgres;

public sealed class BackupManifestTests
{
    private const string Hash = "5933854659f391cd1d9b90c94c0c62ccd6ca933ed85413b634620f12725a61ae";

    [Fact]
    public void ToText_IsASha256sumLine()
    {
        Assert.Equal($"{Hash}  web_20250309T120507Z.dump\n", new BackupManifest(Hash, "web_20250309T120507Z.dump").ToText());
    }

    [Theory]
    [InlineData(Hash + "  web.dump\n")]
    [InlineData(Hash + " *web.dump\r\n")]
    public void Parse_Sha256sumOutput_HashAndName(string text)
    {
        Assert.Equal(new BackupManifest(Hash, "web.dump"), BackupManifest.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e  web.dump")]
    [InlineData("zz33854659f391cd1d9b90c94c0c62ccd6ca933ed85413b634620f12725a61ae  web.dump")]
    public void Parse_NotASha256Line_Fails(string text)
    {
        Assert.Throws<FormatException>(() => BackupManifest.Parse(text));
    }
}
