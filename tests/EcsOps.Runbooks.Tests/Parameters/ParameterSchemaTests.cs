using System.Text.RegularExpressions;
using EcsOps.Runbooks.Parameters;

namespace EcsOps.Runbooks.Tests.Parameters;

public sealed class ParameterSchemaTests
{
    private static readonly ParameterSchema s_schema = new(
    [
        new ParameterDefinition
        {
            Name = "database",
            Required = true,
            Pattern = new Regex(@"\A(?:[a-z_]+)\z", RegexOptions.NonBacktracking),
            PatternText = "[a-z_]+",
        },
        new ParameterDefinition { Name = "keep", Type = ParameterType.Integer, Minimum = 1, Maximum = 30, Default = "7" },
        new ParameterDefinition { Name = "level", Type = ParameterType.Enum, Values = ["fast", "best"], Default = "fast" },
        new ParameterDefinition { Name = "key", Type = ParameterType.S3Key },
        new ParameterDefinition { Name = "wait", Type = ParameterType.Duration, Default = "30s" },
        new ParameterDefinition { Name = "password", Secret = true },
        new ParameterDefinition { Name = "note", MaxLength = 10 },
    ]);

    private static ParameterValues Validate(params (string Name, string Value)[] given) =>
        s_schema.Validate(given.ToDictionary(g => g.Name, g => g.Value), "backup");

    private static RunbookUsageException Refused(params (string Name, string Value)[] given) =>
        Assert.Throws<RunbookUsageException>(() => Validate(given));

    [Fact]
    public void Validate_OnlyRequiredGiven_DefaultsFillTheRestAndOptionalsAreEmpty()
    {
        var values = Validate(("database", "orders"));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["database"] = "orders", ["keep"] = "7", ["level"] = "fast", ["key"] = "", ["wait"] = "30s", ["password"] = "", ["note"] = "",
            },
            values.Values);
    }

    [Fact]
    public void Validate_UnknownParameter_UsageErrorNamingItAndTheKnownOnes()
    {
        var error = Refused(("database", "orders"), ("databse", "x"));

        Assert.Equal(RunbookUsageKind.UnknownParameter, error.Kind);
        Assert.Equal("runbook backup has no parameter 'databse' (it takes: database, keep, level, key, wait, password, note)", error.Message);
    }

    [Fact]
    public void Validate_MissingRequired_UsageError()
    {
        var error = Refused(("keep", "3"));

        Assert.Equal(RunbookUsageKind.MissingParameter, error.Kind);
        Assert.Equal("runbook backup needs database=…", error.Message);
    }

    [Theory]
    [InlineData("keep", "seven", "'seven' is not a whole number")]
    [InlineData("keep", "3.5", "is not a whole number")]
    [InlineData("keep", " 3", "is not a whole number")]
    [InlineData("keep", "+3", "is not a whole number")]
    [InlineData("keep", "99999999999999999999", "is not a whole number")]
    [InlineData("keep", "31", "is not between 1 and 30")]
    [InlineData("keep", "0", "is not between 1 and 30")]
    [InlineData("level", "FAST", "is not one of: fast, best")]
    [InlineData("key", "/abs/key", "cannot start with '/'")]
    [InlineData("key", "a/../b", "segments")]
    [InlineData("key", "a//b", "segments")]
    [InlineData("key", "s3://Bad_Bucket/k", "not an S3 bucket name")]
    [InlineData("key", "s3://bucket", "needs a key")]
    [InlineData("key", "a\nb", "control characters")]
    [InlineData("wait", "5 minutes", "not a duration")]
    [InlineData("wait", "-5m", "not a duration")]
    [InlineData("wait", "5", "not a duration")]
    [InlineData("note", "eleven chars", "at most 10")]
    public void Validate_WrongTypeOrShape_InvalidValueInOneLine(string name, string value, string expected)
    {
        var error = Refused(("database", "orders"), (name, value));

        Assert.Equal(RunbookUsageKind.InvalidValue, error.Kind);
        Assert.Contains($"parameter '{name}'", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("orders; drop table x")]
    [InlineData("Orders")]
    [InlineData("orders\n")]
    [InlineData("")]
    public void Validate_PatternMismatch_RefusedQuotingThePattern(string value)
    {
        var error = Refused(("database", value));

        Assert.Contains("does not match the pattern [a-z_]+", error.Message);
    }

    [Fact]
    public void Validate_NulCharacter_RefusedForEveryType()
    {
        var error = Refused(("database", "orders"), ("note", "a\0b"));

        Assert.Contains("NUL", error.Message);
    }

    [Fact]
    public void Validate_BadSecretValue_MessageNeverContainsTheValue()
    {
        var error = Refused(("database", "orders"), ("password", "hunter2\0"));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("(secret) value", error.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_AllInOneLine()
    {
        var error = Refused(("keep", "x"), ("level", "y"));

        Assert.Equal(RunbookUsageKind.MissingParameter, error.Kind);
        Assert.Contains("needs database=…", error.Message);
        Assert.Contains("parameter 'keep'", error.Message);
        Assert.Contains("parameter 'level'", error.Message);
    }

    [Theory]
    [InlineData("007", "7")]
    [InlineData("-0", "0")]
    [InlineData("30", "30")]
    public void Validate_Integer_PassedOnInCanonicalForm(string given, string expected)
    {
        var schema = new ParameterSchema([new ParameterDefinition { Name = "n", Type = ParameterType.Integer }]);

        Assert.Equal(expected, schema.Validate(new Dictionary<string, string> { ["n"] = given }, "r").Values["n"]);
    }

    [Theory]
    [InlineData("backups/2024/orders.dump")]
    [InlineData("s3://my-bucket/backups/orders.dump")]
    [InlineData("x")]
    [InlineData("spaces and ünïcode.dump")]
    public void Validate_S3Key_AcceptsKeysAndUris(string value)
    {
        Assert.Equal(value, Validate(("database", "orders"), ("key", value)).Values["key"]);
    }

    [Theory]
    [InlineData("500ms")]
    [InlineData("30s")]
    [InlineData("5m")]
    [InlineData("1h30m")]
    [InlineData("2d")]
    public void Validate_Duration_AcceptsUnits(string value)
    {
        Assert.Equal(value, Validate(("database", "orders"), ("wait", value)).Values["wait"]);
    }

    [Fact]
    public void Masked_SecretValues_Replaced()
    {
        var values = Validate(("database", "orders"), ("password", "hunter2"));

        Assert.Equal("***", values.Masked()["password"]);
        Assert.Equal("orders", values.Masked()["database"]);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    public void ParseArguments_NotNameEqualsValue_UsageError(string argument)
    {
        var error = Assert.Throws<RunbookUsageException>(() => ParameterArguments.Parse([argument]));

        Assert.Equal(RunbookUsageKind.MalformedArgument, error.Kind);
    }

    [Fact]
    public void ParseArguments_SplitsAtTheFirstEquals_EmptyValueAllowed()
    {
        var parsed = ParameterArguments.Parse(["query=a=b", "empty="]);

        Assert.Equal(new Dictionary<string, string> { ["query"] = "a=b", ["empty"] = "" }, parsed);
    }

    [Fact]
    public void ParseArguments_SameNameTwice_UsageError()
    {
        Assert.Throws<RunbookUsageException>(() => ParameterArguments.Parse(["a=1", "a=2"]));
    }
}
