using EcsOps.Runbooks.Inspect;

namespace EcsOps.Runbooks.Tests.Inspect;

public class SecretMaskerTests
{
    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("db-password")]
    [InlineData("API_TOKEN")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("STRIPE_APIKEY")]
    [InlineData("GOOGLE_CREDENTIALS")]
    [InlineData("SMTP_PASS")]
    [InlineData("JWT_PRIVATE_KEY")]
    [InlineData("SESSION_COOKIE_SECRET")]
    [InlineData("dbPassword")]
    public void IsSecretName_SecretLookingNames_True(string name) => Assert.True(SecretMasker.IsSecretName(name));

    [Theory]
    [InlineData("APP_ENV")]
    [InlineData("PWD")]
    [InlineData("PATH")]
    [InlineData("PASSENGER_MODE")]
    [InlineData("MONKEY_COUNT")]
    [InlineData("DATABASE_URL")]
    public void IsSecretName_OrdinaryNames_False(string name) => Assert.False(SecretMasker.IsSecretName(name));

    [Fact]
    public void MaskVariable_UrlWithPassword_OnlyThePasswordHidden()
    {
        var (shown, masked) = new SecretMasker().MaskVariable("DATABASE_URL", "postgres://app:s3cret@db.internal:5432/app?sslmode=require");

        Assert.True(masked);
        Assert.Equal("postgres://app:<masked>@db.internal:5432/app?sslmode=require", shown);
    }

    [Fact]
    public void MaskVariable_UrlWithoutPassword_Unchanged()
    {
        var (shown, masked) = new SecretMasker().MaskVariable("UPSTREAM", "https://user@example.com/path");

        Assert.False(masked);
        Assert.Equal("https://user@example.com/path", shown);
    }

    [Fact]
    public void MaskVariable_KnownSecretUnderAnInnocentName_Hidden()
    {
        var masker = new SecretMasker();
        masker.AddKnownValue("correct-horse-battery");

        Assert.Equal((SecretMasker.Mask, true), masker.MaskVariable("BACKUP_COPY", "correct-horse-battery"));
    }

    [Fact]
    public void MaskText_ConfigurationFormats_ValuesOfSecretSettingsHiddenQuotesKept()
    {
        const string text = """
            password: hunter2
            "api_key": "abc",
            export DB_PASS='xyz'
            token =
            level: info
            secret_block: |
            """;

        var (shown, masked) = new SecretMasker().MaskText(text);

        Assert.True(masked);
        Assert.Equal(
            """
            password: <masked>
            "api_key": "<masked>",
            export DB_PASS='<masked>'
            token =
            level: info
            secret_block: |
            """,
            shown);
    }
}
