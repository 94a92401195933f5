using EcsOps.Aws.Audit;

namespace EcsOps.Aws.Tests.Audit;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("psql postgres://app:hunter2@db:5432/app", "psql postgres://app:***@db:5432/app")]
    [InlineData("env DB_PASSWORD=hunter2 API_TOKEN='a b' ./run", "env DB_PASSWORD=*** API_TOKEN=*** ./run")]
    [InlineData("mysql --password hunter2 -h db", "mysql --password *** -h db")]
    [InlineData("curl --api-key=abc123 https://x", "curl --api-key=*** https://x")]
    [InlineData("ls -la /srv && echo done", "ls -la /srv && echo done")]
    [InlineData("echo KEYBOARD=us", "echo KEYBOARD=us")]
    public void MaskText_CommandLines_SecretsMaskedRestKept(string text, string expected) =>
        Assert.Equal(expected, SecretMasker.MaskText(text));

    [Fact]
    public void MaskParameters_DeclaredAndSecretLookingNames_Masked()
    {
        var parameters = new Dictionary<string, string>
        {
            ["comment"] = "pre-release",
            ["dbPassword"] = "hunter2",
            ["pin"] = "1234",
            ["url"] = "https://u:p@host/",
        };

        var masked = SecretMasker.MaskParameters(parameters, ["pin"]);

        Assert.Equal("pre-release", masked["comment"]);
        Assert.Equal("***", masked["dbPassword"]);
        Assert.Equal("***", masked["pin"]);
        Assert.Equal("https://u:***@host/", masked["url"]);
    }
}
