using EcsOps.Runbooks.Postgres;

namespace EcsOps.Runbooks.Tests.Postgres;

public sealed class LibpqSettingsTests
{
    [Fact]
    public void Parse_UrlWithEncodedPasswordAndParameters_EveryPartDecodedIntoItsVariable()
    {
        var settings = LibpqSettings.Parse("postgresql://app%40prod:p%3As%2Fw%25rd@db.example.com:6543/orders%20db?sslmode=verify-full&application_name=ecsops");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PGAPPNAME"] = "ecsops",
                ["PGDATABASE"] = "orders db",
                ["PGHOST"] = "db.example.com",
                ["PGPASSWORD"] = "p:s/w%rd",
                ["PGPORT"] = "6543",
                ["PGSSLMODE"] = "verify-full",
                ["PGUSER"] = "app@prod",
            },
            settings.Variables);
    }

    [Fact]
    public void Parse_UrlWithSeveralHostsAndIpv6_HostAndPortListsInOrder()
    {
        var settings = LibpqSettings.Parse("postgres://u:p@[2001:db8::1]:5433,replica.internal/app");

        Assert.Equal("2001:db8::1,replica.internal", settings.Variables["PGHOST"]);
        Assert.Equal("5433,", settings.Variables["PGPORT"]);
    }

    [Fact]
    public void Parse_RdsSecretJson_MapsHostPortUserPasswordDatabase()
    {
        var settings = LibpqSettings.Parse("""{"engine":"postgres","host":"db.rds.amazonaws.com","port":5432,"username":"admin","password":"s3cr3t\"x","dbname":"shop","dbInstanceIdentifier":"shop-1"}""");

        Assert.Equal("db.rds.amazonaws.com", settings.Variables["PGHOST"]);
        Assert.Equal("5432", settings.Variables["PGPORT"]);
        Assert.Equal("admin", settings.Variables["PGUSER"]);
        Assert.Equal("s3cr3t\"x", settings.Variables["PGPASSWORD"]);
        Assert.Equal("shop", settings.Database);
    }

    [Fact]
    public void Parse_NoDatabaseNamed_DefaultsToTheUserAsLibpqDoes()
    {
        Assert.Equal("admin", LibpqSettings.Parse("""{"host":"h","username":"admin","password":"x"}""").Database);
    }

    [Theory]
    [InlineData("just-a-password-TOPSECRET")]
    [InlineData("postgresql://u:TOPSECRET@h/db?sslfactory=TOPSECRET")]
    [InlineData("""{"host":"h","password":"TOPSECRET"}""")]
    [InlineData("postgresql://u:TOP%0ASECRET@h/db")]
    [InlineData("{\"host\": TOPSECRET")]
    public void Parse_Unusable_FailsWithoutRepeatingTheSecret(string secret)
    {
        var error = Assert.Throws<FormatException>(() => LibpqSettings.Parse(secret));

        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPreamble_OneLinePerVariableThenAnEmptyLine()
    {
        var preamble = System.Text.Encoding.UTF8.GetString(LibpqSettings.Parse("postgresql://u:p@h:1/d").ToPreamble());

        Assert.Equal("PGDATABASE=d\nPGHOST=h\nPGPASSWORD=p\nPGPORT=1\nPGUSER=u\n\n", preamble);
    }

    [Fact]
    public void ToString_NeverShowsValues()
    {
        var settings = LibpqSettings.Parse("postgresql://u:TOPSECRET@h/d");

        Assert.DoesNotContain("TOPSECRET", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", PostgresConnection.FromSettings("arn:secret", settings).ToString(), StringComparison.Ordinal);
    }
}
