using EcsOps.Aws.Config;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string FullConfig = """
        # every section
        accounts:
          - id: "111111111111"
            name: dev
            regions: [us-east-1]
          - id: 222222222222
            name: prod
            regions: [eu-west-1, eu-central-1]
            roleName: ProdOps
          - id: "333333333333"
        defaults:
          regions: [eu-west-1]
          roleName: EcsOpsAccess
          profile: hub
          concurrency: 16
          cacheTtl: 2m
          maxAttempts: 5
          sessionDuration: 2h
        targets:
          web: dev/us-east-1/dev-web/web/app
          db:
            selector: prod/eu-west-1/prod-api/api
            container: api
            remoteHost: mydb.cluster-abc.eu-west-1.rds.amazonaws.com
            port: 5432
            localPort: 15432
            description: production database
        runbooks:
          backup:
            mode: task
        audit:
          file: ~/.local/state/ecsops/audit.jsonl
        server:
          listen: 127.0.0.1:8080
        """;

    /// <summary>A line built from pieces of ecsops.yaml, so that random documents get past the YAML parser often.</summary>
    public sealed record YamlishLine(string Text)
    {
        private static readonly string[] s_pieces =
        [
            "accounts:", "defaults:", "targets:", "runbooks:", "  - id: \"111111111111\"", "  - id: 1", "    name: a", "  regions: [eu-west-1",
            "  regions: [eu-west-1]", "  concurrency: 4", "  cacheTtl: 1x", "  web: a/b", "  db:", "    port: 99999", "    selector: ''",
            "  source: organizations", "  include: [*]", "&a x: *a", "? complex", "{", "]", "'", "\"", "- ", ":", "  ", "\t", "%YAML 1.1", "---", "...",
        ];

        public static Gen<YamlishLine> Generator => Gen.Elements(s_pieces).Select(p => new YamlishLine(p));

        public override string ToString() => Text;
    }

    /// <summary>Registers <see cref="YamlishLine"/> with FsCheck.</summary>
    public static class YamlishArbitraries
    {
        public static Arbitrary<YamlishLine> YamlishLine() => ConfigLoaderTests.YamlishLine.Generator.ToArbitrary();
    }

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ecsops-config-tests-");

    public void Dispose() => _root.Delete(recursive: true);

    private static EnvironmentVariables Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_root.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static ConfigException ParseError(string yaml) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/x/ecsops.yaml"));

    [Fact]
    public void Parse_FullConfig_ReadsEverySection()
    {
        var config = ConfigLoader.Parse(FullConfig, "ecsops.yaml");

        Assert.Equal(["dev", "prod", "333333333333"], config.Accounts.Static.Select(a => a.Name));
        Assert.Equal("222222222222", config.Accounts.Static[1].Id);
        Assert.Equal(["eu-west-1", "eu-central-1"], config.Accounts.Static[1].Regions!);
        Assert.Equal("ProdOps", config.Accounts.Static[1].RoleName);
        Assert.Null(config.Accounts.Static[2].Regions);
        Assert.Equal(16, config.Defaults.Concurrency);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Defaults.CacheTtl);
        Assert.Equal(5, config.Defaults.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(2), config.Defaults.SessionDuration);
        Assert.Equal("hub", config.Defaults.Profile);
        Assert.Equal("dev-web", config.Targets["web"].Selector.Cluster!.Text);
        var db = config.Targets["db"];
        Assert.Equal("api", db.Selector.Container!.Text);
        Assert.Equal("api", db.Selector.Service!.Text);
        Assert.Equal("mydb.cluster-abc.eu-west-1.rds.amazonaws.com", db.RemoteHost);
        Assert.Equal(5432, db.RemotePort);
        Assert.Equal(15432, db.LocalPort);
        Assert.Equal(["runbooks", "server"], config.Sections.Keys.Order());
        Assert.Equal("~/.local/state/ecsops/audit.jsonl", config.Audit.FilePath);
        Assert.IsType<YamlMappingNode>(config.Sections["runbooks"].Node);
        Assert.Equal(28, config.Sections["runbooks"].Line);
    }

    [Fact]
    public void Parse_EmptyFile_IsTheEmptyConfig()
    {
        var config = ConfigLoader.Parse("# nothing yet\n", "e.yaml");

        Assert.True(config.Accounts.IsEmpty);
        Assert.Equal(DefaultsConfig.DefaultConcurrency, config.Defaults.Concurrency);
        Assert.Equal("e.yaml", config.SourcePath);
    }

    [Fact]
    public void Parse_OrganizationsSource_ReadsFilters()
    {
        var config = ConfigLoader.Parse("""
            accounts:
              source: organizations
              include: "prod-*"
              exclude: [prod-legacy]
              roleArn: arn:aws:iam::999999999999:role/OrgReader
            """);

        var organizations = config.Accounts.Organizations!;
        Assert.Equal(["prod-*"], organizations.Include);
        Assert.Equal(["prod-legacy"], organizations.Exclude);
        Assert.Equal("arn:aws:iam::999999999999:role/OrgReader", organizations.RoleArn);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_ErrorWithLineAndColumn()
    {
        var error = ParseError("defaults:\n  regions: [eu-west-1]\nacounts: []\n");

        Assert.Equal("/x/ecsops.yaml:3:1: unknown key 'acounts' in the file (expected one of: accounts, defaults, targets, runbooks, audit, server, db)", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_UnknownKeyInDefaults_NamesTheKeyAndLine()
    {
        var error = ParseError("defaults:\n  regions: [eu-west-1]\n  regoins: [x]\n");

        Assert.StartsWith("/x/ecsops.yaml:3:3: unknown key 'regoins' in defaults", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeyInAccount_NamesTheKey()
    {
        var error = ParseError("accounts:\n  - id: \"111111111111\"\n    role: x\n");

        Assert.Contains(":3:5: unknown key 'role' in an account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadYaml_ErrorWithLine()
    {
        var error = ParseError("defaults:\n  regions: [eu-west-1]\n roleName: x\n");

        Assert.StartsWith("/x/ecsops.yaml:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_UnclosedFlowList_IsAConfigError()
    {
        var error = ParseError("defaults:\n  regions: [eu-west-1\n  roleName: x\n");

        Assert.StartsWith("/x/ecsops.yaml: invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public void Parse_AnyText_ThrowsOnlyConfigException(string? text)
    {
        try
        {
            ConfigLoader.Parse(text ?? "", "p.yaml");
        }
        catch (ConfigException)
        {
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(YamlishArbitraries)])]
    public void Parse_YamlishText_ThrowsOnlyConfigException(NonEmptyArray<YamlishLine> lines)
    {
        try
        {
            ConfigLoader.Parse(string.Join('\n', lines.Get.Select(l => l.Text)), "p.yaml");
        }
        catch (ConfigException)
        {
        }
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var error = ParseError("defaults:\n  concurrency: 2\n  concurrency: 3\n");

        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("accounts:\n  - id: \"12345\"\n", ":2:9: account id must be 12 digits")]
    [InlineData("accounts:\n  - name: x\n", ":2:5: an account needs an id")]
    [InlineData("accounts:\n  - id: \"111111111111\"\n  - id: \"111111111111\"\n", ":3:5: account 111111111111 is listed twice")]
    [InlineData("accounts:\n  - {id: \"111111111111\", name: a}\n  - {id: \"222222222222\", name: a}\n", "account name 'a' is used twice")]
    [InlineData("accounts: dev\n", "accounts (a list of accounts, or source: organizations) must be a list")]
    [InlineData("accounts:\n  include: [x]\n", "needs 'source: organizations'")]
    [InlineData("accounts:\n  source: ldap\n", "must be 'organizations'")]
    [InlineData("defaults:\n  regions: [Europe]\n", ":2:13: 'Europe' is not a region name")]
    [InlineData("defaults:\n  regions: []\n", ":2:12: regions must name at least one region")]
    [InlineData("defaults:\n  concurrency: 0\n", "concurrency must be a whole number from 1 to 256, not '0'")]
    [InlineData("defaults:\n  concurrency: lots\n", "concurrency must be a whole number")]
    [InlineData("defaults:\n  cacheTtl: soon\n", "cacheTtl must be a duration")]
    [InlineData("defaults:\n  sessionDuration: 5m\n", "sessionDuration must be between 15m and 12h")]
    [InlineData("defaults:\n  roleName: \"has space\"\n", "is not an IAM role name")]
    [InlineData("defaults: [1]\n", "defaults must be a mapping")]
    [InlineData("targets:\n  web: a/b/c/d/e/f\n", ":2:8: 'a/b/c/d/e/f' has 6 parts")]
    [InlineData("targets:\n  \"bad name\": x\n", "target name 'bad name'")]
    [InlineData("targets:\n  db:\n    port: 70000\n", "port must be a whole number from 1 to 65535")]
    [InlineData("targets:\n  db:\n    cluster: a/b\n", "target 'db': --cluster 'a/b' must not contain '/'")]
    [InlineData("- 1\n", "the file must be a mapping")]
    [InlineData("a: 1\n---\nb: 2\n", "one YAML document")]
    public void Parse_InvalidValue_OneLineErrorWithLocation(string yaml, string expected)
    {
        var error = ParseError(yaml);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("/x/ecsops.yaml:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Locate_ExplicitPath_WinsOverEverything()
    {
        var explicitPath = Write("elsewhere/mine.yaml", "");
        Write("ecsops.yaml", "");

        var found = ConfigLoader.Locate(explicitPath, Env(("ECSOPS_CONFIG", Write("env.yaml", ""))), _root.FullName);

        Assert.Equal(explicitPath, found);
    }

    [Fact]
    public void Locate_ExplicitPathMissing_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Locate("missing.yaml", Env(), _root.FullName));

        Assert.Contains("no such file (named by --config)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_EnvironmentVariable_WinsOverWalkUp()
    {
        var fromEnvironment = Write("env/ecsops.yaml", "");
        Write("ecsops.yaml", "");

        Assert.Equal(fromEnvironment, ConfigLoader.Locate(null, Env(("ECSOPS_CONFIG", fromEnvironment)), _root.FullName));
    }

    [Fact]
    public void Locate_EnvironmentVariableMissing_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(
            () => ConfigLoader.Locate(null, Env(("ECSOPS_CONFIG", Path.Combine(_root.FullName, "nope.yaml"))), _root.FullName));

        Assert.Contains("ECSOPS_CONFIG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NestedWorkingDirectory_WalksUpToNearestFile()
    {
        var outer = Write("repo/ecsops.yaml", "");
        var inner = Write("repo/services/api/ecsops.yml", "");
        var deep = Path.Combine(_root.FullName, "repo", "services", "api", "src", "deep");
        Directory.CreateDirectory(deep);
        var sibling = Path.Combine(_root.FullName, "repo", "services", "web");
        Directory.CreateDirectory(sibling);

        Assert.Equal(inner, ConfigLoader.Locate(null, Env(), deep));
        Assert.Equal(outer, ConfigLoader.Locate(null, Env(), sibling));
    }

    [Fact]
    public void Locate_NoFileAnywhere_FallsBackToUserConfigThenNull()
    {
        var work = Path.Combine(_root.FullName, "work");
        Directory.CreateDirectory(work);
        var configHome = Path.Combine(_root.FullName, "xdg");

        Assert.Null(ConfigLoader.Locate(null, Env(("XDG_CONFIG_HOME", configHome)), work));

        var user = Write("xdg/ecsops/ecsops.yaml", "");
        Assert.Equal(user, ConfigLoader.Locate(null, Env(("XDG_CONFIG_HOME", configHome)), work));
    }

    [Fact]
    public void Load_FileWithError_ReportsTheFilePath()
    {
        var path = Write("proj/ecsops.yaml", "defaults:\n  bogus: 1\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, Env(), Path.GetDirectoryName(path)!));

        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ":2:3: unknown key 'bogus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFile_IsEmptyConfig()
    {
        var work = Path.Combine(_root.FullName, "empty");
        Directory.CreateDirectory(work);

        Assert.Same(EcsOpsConfig.Empty, ConfigLoader.Load(null, Env(("XDG_CONFIG_HOME", work)), work));
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("1.5m", 90)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    [InlineData("0", 0)]
    public void Duration_ValidText_Parses(string text, double seconds)
    {
        Assert.True(ConfigDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1s")]
    [InlineData("1d")]
    [InlineData("1e308h")]
    [InlineData("NaN")]
    public void Duration_InvalidText_IsRejected(string text)
    {
        Assert.False(ConfigDuration.TryParse(text, out _));
    }
}
