using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Aws.Tests.Discovery;

public class TargetSelectorTests
{
    private static IEnumerable<string?> Parts(TargetSelector selector) =>
        [selector.Account?.Text, selector.Region?.Text, selector.Cluster?.Text, selector.Service?.Text, selector.Container?.Text];

    private static void AssertParts(TargetSelector selector, params string?[] expected) => Assert.Equal(expected, Parts(selector));

    [Theory]
    [InlineData("web", null, null, "web", null, null)]
    [InlineData("web/api", null, null, "web", "api", null)]
    [InlineData("web/api/app", null, null, "web", "api", "app")]
    [InlineData("eu-west-1", null, "eu-west-1", null, null, null)]
    [InlineData("eu-west-1/web", null, "eu-west-1", "web", null, null)]
    [InlineData("eu-west-1/web/api/app", null, "eu-west-1", "web", "api", "app")]
    [InlineData("prod/eu-west-1", "prod", "eu-west-1", null, null, null)]
    [InlineData("prod/eu-west-1/web", "prod", "eu-west-1", "web", null, null)]
    [InlineData("prod/eu-west-1/web/api", "prod", "eu-west-1", "web", "api", null)]
    [InlineData("prod/eu-west-1/web/api/app", "prod", "eu-west-1", "web", "api", "app")]
    [InlineData("prod/*/web/api", "prod", null, "web", "api", null)]
    [InlineData("prod/*/web/api/app", "prod", null, "web", "api", "app")]
    [InlineData("prod/eu-*/web", "prod", "eu-*", "web", null, null)]
    [InlineData("us-gov-west-1/c", null, "us-gov-west-1", "c", null, null)]
    [InlineData("222222222222/us-east-1/c", "222222222222", "us-east-1", "c", null, null)]
    [InlineData("*/api", null, null, null, "api", null)]
    [InlineData("web-*/api-?", null, null, "web-*", "api-?", null)]
    [InlineData("  web/api  ", null, null, "web", "api", null)]
    [InlineData("My Account/eu-west-1/c", "My Account", "eu-west-1", "c", null, null)]
    public void Parse_Positional_AssignsParts(
        string text, string? account, string? region, string? cluster, string? service, string? container)
    {
        AssertParts(TargetSelector.Parse(text), account, region, cluster, service, container);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("a//b", "empty part")]
    [InlineData("a/", "empty part")]
    [InlineData("a/b/c/d/e/f", "6 parts")]
    [InlineData("eu-west-1/a/b/c/d", "after the region come at most")]
    [InlineData("a/ b", "spaces")]
    [InlineData("a/b\u0001", "control characters")]
    [InlineData("a/b/c/d", "'b' is not one")]
    [InlineData("prod/web/api/app/x", "'web' is not one")]
    public void Parse_Invalid_ThrowsSelectorError(string text, string reason)
    {
        var error = Assert.Throws<TargetSelectorException>(() => TargetSelector.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_ThrowsSelectorError()
    {
        Assert.Throws<TargetSelectorException>(() => TargetSelector.Parse(new string('a', TargetSelector.MaxLength + 1)));
    }

    [Fact]
    public void With_Flags_ReplaceParts()
    {
        var selector = TargetSelector.Parse("prod/eu-west-1/web/api/app").With(new TargetFlags
        {
            Region = "eu-central-1",
            Container = "sidecar",
            Task = "arn:aws:ecs:eu-west-1:222222222222:task/web/0123456789abcdef0123456789abcdef",
        });

        AssertParts(selector, "prod", "eu-central-1", "web", "api", "sidecar");
        Assert.Equal("0123456789abcdef0123456789abcdef", selector.Task!.Text);
    }

    [Fact]
    public void With_StarFlag_WidensAPositionalPart()
    {
        var selector = TargetSelector.Parse("web/api").With(new TargetFlags { Service = "*" });

        Assert.True(selector.Service!.MatchesEverything);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a/b")]
    public void With_MalformedFlag_ThrowsSelectorError(string value)
    {
        Assert.Throws<TargetSelectorException>(() => TargetSelector.Any.With(new TargetFlags { Cluster = value }));
    }

    [Theory]
    [InlineData("eu-west-1", true)]
    [InlineData("ap-southeast-2", true)]
    [InlineData("us-gov-east-1", true)]
    [InlineData("eu-*", true)]
    [InlineData("us-?ast-1", true)]
    [InlineData("web", false)]
    [InlineData("web-1", false)]
    [InlineData("*", false)]
    [InlineData("prod", false)]
    public void LooksLikeRegion_Part_IsRecognised(string part, bool expected)
    {
        Assert.Equal(expected, TargetSelector.LooksLikeRegion(part));
    }

    [Fact]
    public void Query_AliasByBareNameOrAt_UsesAliasSelectorAndKeepsTunnel()
    {
        var aliases = ConfigLoader.Parse("""
            targets:
              db:
                selector: prod/eu-west-1/prod-api/api/api
                remoteHost: db.internal
                port: 5432
            """).Targets;

        var bare = TargetQuery.Create("db", TargetFlags.None, aliases);
        var at = TargetQuery.Create("@db", new TargetFlags { Container = "envoy" }, aliases);

        Assert.Equal("db.internal", bare.Alias!.RemoteHost);
        AssertParts(bare.Selector, "prod", "eu-west-1", "prod-api", "api", "api");
        Assert.Equal("envoy", at.Selector.Container!.Text);
    }

    [Fact]
    public void Query_UnknownAtAlias_ListsKnownTargets()
    {
        var aliases = ConfigLoader.Parse("targets:\n  db: prod/eu-west-1/x\n  web: dev/us-east-1/y\n").Targets;

        var error = Assert.Throws<TargetSelectorException>(() => TargetQuery.Create("@dbb", TargetFlags.None, aliases));

        Assert.Contains("(targets: db, web)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_BareWordThatIsNoAlias_IsACluster()
    {
        var query = TargetQuery.Create("dev-web", new TargetFlags { Account = "dev" }, new Dictionary<string, TargetAlias>());

        Assert.Null(query.Alias);
        AssertParts(query.Selector, "dev", null, "dev-web", null, null);
    }

    [Fact]
    public void Query_NoTextOnlyFlags_SelectsByFlags()
    {
        var query = TargetQuery.Create(null, new TargetFlags { Cluster = "c", Service = "s" }, new Dictionary<string, TargetAlias>());

        AssertParts(query.Selector, null, null, "c", "s", null);
    }

    private static readonly Gen<string> s_selectorish = Gen.Elements(
            "prod", "eu-west-1", "eu-*", "*", "?", "/", "//", " ", "web", "@", "\u0000", "\t", "us-east-1", "a-b-1", "1234", "é", "-")
        .ListOf()
        .Select(parts => string.Concat(parts));

    [Property(MaxTest = 2000)]
    public Property Parse_SelectorishText_ThrowsOnlyItsOwnError() =>
        Prop.ForAll(s_selectorish.ToArbitrary(), text => ParsesOrFailsCleanly(text));

    [Property(MaxTest = 500)]
    public bool Parse_AnyString_ThrowsOnlyItsOwnError(string? text) => ParsesOrFailsCleanly(text!);

    [Property(MaxTest = 500)]
    public Property Parse_FiveParts_RoundTripsThroughToString() =>
        Prop.ForAll(
            Gen.Elements("prod", "111111111111", "a?c", "x*").ToArbitrary(),
            Gen.Elements("eu-west-1", "us-*").ToArbitrary(),
            Gen.Elements("web", "w*", "api-?").ArrayOf(3).ToArbitrary(),
            (account, region, rest) =>
            {
                var selector = TargetSelector.Parse($"{account}/{region}/{string.Join('/', rest)}");
                return TargetSelector.Parse(selector.ToString()) == selector;
            });

    private static bool ParsesOrFailsCleanly(string text)
    {
        try
        {
            var selector = TargetSelector.Parse(text);
            return selector is not null;
        }
        catch (TargetSelectorException)
        {
            return true;
        }
    }
}
