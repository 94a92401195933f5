using System.Text.RegularExpressions;
using EcsOps.Aws.Discovery;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Config;

/// <summary>
/// Finds and reads <c>ecsops.yaml</c>. The file is the one named by <c>--config</c>, else by <c>ECSOPS_CONFIG</c>,
/// else the first <c>ecsops.yaml</c> (or <c>ecsops.yml</c>, <c>.ecsops.yaml</c>) found walking up from the working
/// directory, else <c>$XDG_CONFIG_HOME/ecsops/ecsops.yaml</c> (<c>~/.config/…</c>). No file is not an error:
/// <see cref="EcsOpsConfig.Empty"/> applies. Every problem in a file is a one-line <see cref="ConfigException"/>
/// with file and line.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>The names looked for in each directory, in order.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["ecsops.yaml", "ecsops.yml", ".ecsops.yaml"];

    private static readonly string[] s_topLevelKeys = ["accounts", "defaults", "targets", "runbooks", "audit", "server", "db"];
    private static readonly string[] s_rawSections = ["runbooks", "server", "db"];
    private static readonly string[] s_accountKeys = ["id", "name", "regions", "roleName"];
    private static readonly string[] s_organizationsKeys = ["source", "include", "exclude", "regions", "roleName", "roleArn"];
    private static readonly string[] s_defaultsKeys = ["regions", "roleName", "profile", "concurrency", "cacheTtl", "maxAttempts", "sessionDuration"];
    private static readonly string[] s_targetKeys =
        ["selector", "account", "region", "cluster", "service", "task", "container", "remoteHost", "port", "remotePort", "localPort", "description"];

    /// <summary>Finds the config file; null when there is none.</summary>
    /// <param name="explicitPath">The <c>--config</c> value; must exist when given.</param>
    /// <exception cref="ConfigException">An explicitly named file does not exist.</exception>
    public static string? Locate(string? explicitPath, IEnvironmentVariables environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return RequireFile(Path.GetFullPath(explicitPath, workingDirectory), "--config");
        }

        if (environment.GetNonEmpty("ECSOPS_CONFIG") is { } fromEnvironment)
        {
            return RequireFile(Path.GetFullPath(fromEnvironment, workingDirectory), "ECSOPS_CONFIG");
        }

        for (var directory = new DirectoryInfo(Path.GetFullPath(workingDirectory)); directory is not null; directory = directory.Parent)
        {
            foreach (var name in FileNames)
            {
                var candidate = Path.Combine(directory.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        var configHome = environment.GetNonEmpty("XDG_CONFIG_HOME")
            ?? (environment.HomeDirectory() is { } home ? Path.Combine(home, ".config") : null);
        var userFile = configHome is null ? null : Path.Combine(configHome, "ecsops", "ecsops.yaml");
        return userFile is not null && File.Exists(userFile) ? userFile : null;
    }

    /// <summary>Locates and reads the config; <see cref="EcsOpsConfig.Empty"/> when there is no file.</summary>
    /// <exception cref="ConfigException">The file is missing (when named), unreadable or invalid.</exception>
    public static EcsOpsConfig Load(string? explicitPath, IEnvironmentVariables environment, string workingDirectory)
    {
        var path = Locate(explicitPath, environment, workingDirectory);
        return path is null ? EcsOpsConfig.Empty : LoadFile(path);
    }

    /// <summary>Reads one config file.</summary>
    /// <exception cref="ConfigException">The file is unreadable or invalid.</exception>
    public static EcsOpsConfig LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, 0, "cannot read the file: " + error.Message, error);
        }

        return Parse(text, path);
    }

    /// <summary>Parses config text; <paramref name="path"/> only labels errors.</summary>
    /// <exception cref="ConfigException">The text is not valid YAML or not a valid configuration.</exception>
    public static EcsOpsConfig Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var yaml = new ConfigYaml(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new ConfigException(path, (int)error.Start.Line, (int)error.Start.Column, "invalid YAML: " + FirstLine(error.Message), error);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these for some truncated documents (e.g. an unclosed flow list at the end).
            throw new ConfigException(path, 0, 0, "invalid YAML: the document ends in the middle of a value (an unclosed [ or {?)", error);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return EcsOpsConfig.Empty with { SourcePath = path };
        }

        if (stream.Documents.Count > 1)
        {
            throw yaml.Error(stream.Documents[1].RootNode, "the file must hold one YAML document");
        }

        var root = yaml.Mapping(stream.Documents[0].RootNode, "the file");
        var config = EcsOpsConfig.Empty with { SourcePath = path };
        var sections = new Dictionary<string, RawConfigSection>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in yaml.Entries(root, "the file", s_topLevelKeys))
        {
            switch (key)
            {
                case "accounts":
                    config = config with { Accounts = ParseAccounts(yaml, value) };
                    break;
                case "defaults":
                    config = config with { Defaults = ParseDefaults(yaml, value) };
                    break;
                case "targets":
                    config = config with { Targets = ParseTargets(yaml, value) };
                    break;
                case "audit":
                    config = config with { Audit = ParseAudit(yaml, value) };
                    break;
                default:
                    sections[key] = new RawConfigSection(key, value, path, (int)keyNode.Start.Line);
                    break;
            }
        }

        return config with { Sections = sections };
    }

    /// <summary>The sections other features own; present for documentation and tests.</summary>
    public static IReadOnlyList<string> RawSectionKeys => s_rawSections;

    private static AccountsConfig ParseAccounts(ConfigYaml yaml, YamlNode node)
    {
        if (node is YamlMappingNode mapping)
        {
            return new AccountsConfig { Organizations = ParseOrganizations(yaml, mapping) };
        }

        var entries = new List<AccountEntry>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in yaml.Sequence(node, "accounts (a list of accounts, or source: organizations)").Children)
        {
            var account = ParseAccount(yaml, item);
            if (!ids.Add(account.Id))
            {
                throw yaml.Error(item, $"account {account.Id} is listed twice");
            }

            if (!names.Add(account.Name))
            {
                throw yaml.Error(item, $"account name '{account.Name}' is used twice");
            }

            entries.Add(account);
        }

        return new AccountsConfig { Static = entries };
    }

    private static AccountEntry ParseAccount(ConfigYaml yaml, YamlNode node)
    {
        var mapping = yaml.Mapping(node, "an account");
        string? id = null, name = null, roleName = null;
        IReadOnlyList<string>? regions = null;
        foreach (var (key, _, value) in yaml.Entries(mapping, "an account", s_accountKeys))
        {
            switch (key)
            {
                case "id":
                    id = yaml.NonEmpty(value, "id");
                    if (!AccountId().IsMatch(id))
                    {
                        throw yaml.Error(value, $"account id must be 12 digits (quote it in YAML), not '{id}'");
                    }

                    break;
                case "name":
                    name = yaml.NonEmpty(value, "name");
                    if (name.Contains('/', StringComparison.Ordinal))
                    {
                        throw yaml.Error(value, $"account name '{name}' must not contain '/'");
                    }

                    break;
                case "regions":
                    regions = Regions(yaml, value);
                    break;
                case "roleName":
                    roleName = RoleName(yaml, value);
                    break;
            }
        }

        return id is null
            ? throw yaml.Error(node, "an account needs an id")
            : new AccountEntry(id, name ?? id, regions, roleName);
    }

    private static OrganizationsAccountSource ParseOrganizations(ConfigYaml yaml, YamlMappingNode mapping)
    {
        var source = new OrganizationsAccountSource();
        var sawSource = false;
        foreach (var (key, _, value) in yaml.Entries(mapping, "accounts", s_organizationsKeys))
        {
            switch (key)
            {
                case "source":
                    var kind = yaml.Scalar(value, "source");
                    if (kind != "organizations")
                    {
                        throw yaml.Error(value, $"accounts source must be 'organizations' (or write accounts as a list), not '{kind}'");
                    }

                    sawSource = true;
                    break;
                case "include":
                    source = source with { Include = yaml.StringList(value, "include") };
                    break;
                case "exclude":
                    source = source with { Exclude = yaml.StringList(value, "exclude") };
                    break;
                case "regions":
                    source = source with { Regions = Regions(yaml, value) };
                    break;
                case "roleName":
                    source = source with { RoleName = RoleName(yaml, value) };
                    break;
                case "roleArn":
                    var arn = yaml.NonEmpty(value, "roleArn");
                    source = RoleArn().IsMatch(arn)
                        ? source with { RoleArn = arn }
                        : throw yaml.Error(value, $"roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), not '{arn}'");
                    break;
            }
        }

        return sawSource ? source : throw yaml.Error(mapping, "accounts as a mapping needs 'source: organizations'; a static list is written as a YAML list");
    }

    private static DefaultsConfig ParseDefaults(ConfigYaml yaml, YamlNode node)
    {
        var defaults = new DefaultsConfig();
        foreach (var (key, _, value) in yaml.Entries(yaml.Mapping(node, "defaults"), "defaults", s_defaultsKeys))
        {
            defaults = key switch
            {
                "regions" => defaults with { Regions = Regions(yaml, value) },
                "roleName" => defaults with { RoleName = RoleName(yaml, value) },
                "profile" => defaults with { Profile = yaml.NonEmpty(value, "profile") },
                "concurrency" => defaults with { Concurrency = yaml.Integer(value, "concurrency", 1, 256) },
                "cacheTtl" => defaults with { CacheTtl = yaml.Duration(value, "cacheTtl") },
                "maxAttempts" => defaults with { MaxAttempts = yaml.Integer(value, "maxAttempts", 1, 20) },
                "sessionDuration" => defaults with { SessionDuration = SessionDuration(yaml, value) },
                _ => defaults,
            };
        }

        return defaults;
    }

    private static Dictionary<string, TargetAlias> ParseTargets(ConfigYaml yaml, YamlNode node)
    {
        var targets = new Dictionary<string, TargetAlias>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in yaml.Entries(yaml.Mapping(node, "targets"), "targets", allowed: null))
        {
            if (!AliasName().IsMatch(name))
            {
                throw yaml.Error(keyNode, $"target name '{name}' may use letters, digits, '.', '_' and '-' only");
            }

            targets[name] = value is YamlScalarNode
                ? new TargetAlias(name, Selector(yaml, value, yaml.NonEmpty(value, $"target '{name}'")))
                : ParseTarget(yaml, name, yaml.Mapping(value, $"target '{name}'"));
        }

        return targets;
    }

    private static TargetAlias ParseTarget(ConfigYaml yaml, string name, YamlMappingNode mapping)
    {
        var what = $"target '{name}'";
        var selector = TargetSelector.Any;
        var flags = TargetFlags.None;
        var alias = new TargetAlias(name, selector);
        foreach (var (key, _, value) in yaml.Entries(mapping, what, s_targetKeys))
        {
            switch (key)
            {
                case "selector":
                    selector = Selector(yaml, value, yaml.NonEmpty(value, "selector"));
                    break;
                case "account":
                    flags = flags with { Account = yaml.NonEmpty(value, key) };
                    break;
                case "region":
                    flags = flags with { Region = yaml.NonEmpty(value, key) };
                    break;
                case "cluster":
                    flags = flags with { Cluster = yaml.NonEmpty(value, key) };
                    break;
                case "service":
                    flags = flags with { Service = yaml.NonEmpty(value, key) };
                    break;
                case "task":
                    flags = flags with { Task = yaml.NonEmpty(value, key) };
                    break;
                case "container":
                    flags = flags with { Container = yaml.NonEmpty(value, key) };
                    break;
                case "remoteHost":
                    alias = alias with { RemoteHost = yaml.NonEmpty(value, key) };
                    break;
                case "port" or "remotePort":
                    alias = alias with { RemotePort = yaml.Integer(value, key, 1, 65535) };
                    break;
                case "localPort":
                    alias = alias with { LocalPort = yaml.Integer(value, key, 0, 65535) };
                    break;
                case "description":
                    alias = alias with { Description = yaml.Scalar(value, key) };
                    break;
            }
        }

        try
        {
            return alias with { Selector = selector.With(flags) };
        }
        catch (TargetSelectorException error)
        {
            throw yaml.Error(mapping, $"{what}: {error.Message}");
        }
    }

    private static TargetSelector Selector(ConfigYaml yaml, YamlNode node, string text)
    {
        try
        {
            return TargetSelector.Parse(text);
        }
        catch (TargetSelectorException error)
        {
            throw yaml.Error(node, error.Message);
        }
    }

    private static IReadOnlyList<string> Regions(ConfigYaml yaml, YamlNode node)
    {
        var regions = yaml.StringList(node, "regions");
        if (regions.Count == 0)
        {
            throw yaml.Error(node, "regions must name at least one region");
        }

        foreach (var (region, index) in regions.Select((r, i) => (r, i)))
        {
            if (!Region().IsMatch(region))
            {
                var at = node is YamlSequenceNode sequence ? sequence.Children[index] : node;
                throw yaml.Error(at, $"'{region}' is not a region name such as eu-west-1");
            }
        }

        return regions;
    }

    private static string RoleName(ConfigYaml yaml, YamlNode node)
    {
        var name = yaml.NonEmpty(node, "roleName");
        return RoleNamePattern().IsMatch(name)
            ? name
            : throw yaml.Error(node, $"roleName '{name}' is not an IAM role name (an optional path/ then up to 64 of [A-Za-z0-9+=,.@_-])");
    }

    private static TimeSpan SessionDuration(ConfigYaml yaml, YamlNode node)
    {
        var duration = yaml.Duration(node, "sessionDuration");
        return duration >= TimeSpan.FromMinutes(15) && duration <= TimeSpan.FromHours(12)
            ? duration
            : throw yaml.Error(node, "sessionDuration must be between 15m and 12h");
    }

    private static string RequireFile(string path, string source) =>
        File.Exists(path) ? path : throw new ConfigException(path, 0, 0, $"no such file (named by {source})");

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AliasName();
}
