using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Config.Server;

/// <summary>
/// Reads the <c>server</c> section that <see cref="ConfigLoader"/> keeps unparsed. Every problem is a one-line
/// <see cref="ConfigException"/> with file and line. A value that is not a secret reference where a secret belongs
/// is refused, so a secret pasted into the file never starts a service.
/// </summary>
public static partial class ServerConfigReader
{
    /// <summary>The top-level key of the section.</summary>
    public const string SectionKey = "server";

    private static readonly string[] s_keys =
        ["listen", "publicUrl", "workers", "lease", "pollInterval", "shutdownGrace", "approvalTimeout", "store", "slack", "tickets", "viewers", "groups", "rules"];

    private static readonly string[] s_storeKeys = ["sqlite", "postgres"];
    private static readonly string[] s_slackKeys = ["signingSecret", "responseUrls"];
    private static readonly string[] s_ticketKeys = ["name", "secret"];
    private static readonly string[] s_viewerKeys = ["name", "token"];
    private static readonly string[] s_ruleKeys = ["runbooks", "targets", "allow", "approvers"];
    private static readonly string[] s_principalKinds = ["slack:", "ticket:", "group:"];

    /// <summary>The server section of <paramref name="config"/>; <see cref="ServerConfig.Empty"/> when it has none.</summary>
    /// <exception cref="ConfigException">The section is invalid.</exception>
    public static ServerConfig Read(EcsOpsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Sections.TryGetValue(SectionKey, out var section) || section.Node is YamlScalarNode { Value: null or "" })
        {
            return ServerConfig.Empty;
        }

        var yaml = new ConfigYaml(section.SourcePath);
        var server = ServerConfig.Empty;
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        YamlNode? rules = null;
        foreach (var (key, _, value) in yaml.Entries(yaml.Mapping(section.Node, "server"), "server", s_keys))
        {
            server = key switch
            {
                "listen" => Listen(yaml, value, server),
                "publicUrl" => server with { PublicUrl = WithTrailingSlash(HttpUrl(yaml, value, "publicUrl")) },
                "workers" => server with { Workers = yaml.Integer(value, "workers", 1, 64) },
                "lease" => server with { Lease = Between(yaml, value, "lease", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)) },
                "pollInterval" => server with { PollInterval = Between(yaml, value, "pollInterval", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)) },
                "shutdownGrace" => server with { ShutdownGrace = Between(yaml, value, "shutdownGrace", TimeSpan.Zero, TimeSpan.FromHours(1)) },
                "approvalTimeout" => server with { ApprovalTimeout = Between(yaml, value, "approvalTimeout", TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)) },
                "store" => server with { Store = Store(yaml, value) },
                "slack" => server with { Slack = Slack(yaml, value) },
                "tickets" => server with { TicketSources = Named(yaml, value, "tickets", s_ticketKeys, "secret", (n, s) => new TicketSource(n, s)) },
                "viewers" => server with { Viewers = Named(yaml, value, "viewers", s_viewerKeys, "token", (n, s) => new ViewerAccount(n, s)) },
                _ => server,
            };
            if (key == "groups")
            {
                groups = Groups(yaml, value);
            }
            else if (key == "rules")
            {
                rules = value;
            }
        }

        // Rules are read last: they may name groups and ticket sources defined anywhere in the section.
        return server with
        {
            Groups = groups,
            Rules = rules is null ? [] : Rules(yaml, rules, groups, server.TicketSources),
        };
    }

    private static ServerConfig Listen(ConfigYaml yaml, YamlNode node, ServerConfig server)
    {
        var text = yaml.NonEmpty(node, "listen");
        var (host, portText) = SplitHostPort(text);
        if (!IPAddress.TryParse(host, out var address))
        {
            throw yaml.Error(node, $"listen must be an IP address with an optional port, such as 127.0.0.1:8080 or 0.0.0.0, not '{text}'");
        }

        if (portText is null)
        {
            return server with { ListenAddress = address };
        }

        return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? server with { ListenAddress = address, Port = port }
            : throw yaml.Error(node, $"listen has no valid port (0-65535) after ':': '{text}'");
    }

    /// <summary><c>1.2.3.4:80</c>, <c>[::1]:80</c>, or an address alone (IPv6 without brackets has several colons).</summary>
    private static (string Host, string? Port) SplitHostPort(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? (text, null)
                : close + 1 < text.Length && text[close + 1] == ':' ? (text[1..close], text[(close + 2)..])
                : (text[1..close], close + 1 == text.Length ? null : "");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon == text.LastIndexOf(':') ? (text[..colon], text[(colon + 1)..]) : (text, null);
    }

    private static Uri HttpUrl(ConfigYaml yaml, YamlNode node, string what)
    {
        var text = yaml.NonEmpty(node, what);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw yaml.Error(node, $"{what} must be an http(s) URL, not '{text}'");
    }

    /// <summary>Links are made relative to the public URL, which only keeps its last path segment with a trailing '/'.</summary>
    private static Uri WithTrailingSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");

    private static TimeSpan Between(ConfigYaml yaml, YamlNode node, string what, TimeSpan minimum, TimeSpan maximum)
    {
        var duration = yaml.Duration(node, what);
        return duration >= minimum && duration <= maximum
            ? duration
            : throw yaml.Error(node, $"{what} must be between {minimum} and {maximum}");
    }

    private static JobStoreSettings Store(ConfigYaml yaml, YamlNode node)
    {
        var mapping = yaml.Mapping(node, "store");
        var store = new JobStoreSettings();
        foreach (var (key, _, value) in yaml.Entries(mapping, "store", s_storeKeys))
        {
            store = key == "sqlite"
                ? store with { SqlitePath = yaml.NonEmpty(value, "sqlite") }
                : store with { PostgresConnectionString = Secret(yaml, value, "postgres (the connection string)") };
        }

        return store is { SqlitePath: not null, PostgresConnectionString: not null }
            ? throw yaml.Error(node, "store names both sqlite and postgres; choose one")
            : store;
    }

    private static SlackSettings Slack(ConfigYaml yaml, YamlNode node)
    {
        var mapping = yaml.Mapping(node, "slack");
        SecretReference? secret = null;
        IReadOnlyList<string>? prefixes = null;
        foreach (var (key, _, value) in yaml.Entries(mapping, "slack", s_slackKeys))
        {
            if (key == "signingSecret")
            {
                secret = Secret(yaml, value, "signingSecret");
            }
            else
            {
                prefixes = yaml.StringList(value, "responseUrls");
                foreach (var prefix in prefixes)
                {
                    if (!Uri.TryCreate(prefix, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                        || !prefix.EndsWith('/'))
                    {
                        throw yaml.Error(value, $"responseUrls entries must be http(s) URL prefixes ending in '/', not '{prefix}'");
                    }
                }
            }
        }

        return secret is null
            ? throw yaml.Error(node, "slack needs signingSecret (env:NAME or a Secrets Manager ARN)")
            : new SlackSettings(secret) { ResponseUrlPrefixes = prefixes ?? [SlackSettings.SlackResponseUrlPrefix] };
    }

    private static List<T> Named<T>(
        ConfigYaml yaml, YamlNode node, string what, string[] keys, string secretKey, Func<string, SecretReference, T> create)
    {
        var items = new List<T>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in yaml.Sequence(node, what).Children)
        {
            string? name = null;
            SecretReference? secret = null;
            foreach (var (key, _, value) in yaml.Entries(yaml.Mapping(item, $"an entry of {what}"), what, keys))
            {
                if (key == "name")
                {
                    name = yaml.NonEmpty(value, "name");
                    if (!PlainName().IsMatch(name))
                    {
                        throw yaml.Error(value, $"name '{name}' may use letters, digits, '.', '_' and '-' only");
                    }
                }
                else
                {
                    secret = Secret(yaml, value, secretKey);
                }
            }

            if (name is null || secret is null)
            {
                throw yaml.Error(item, $"each entry of {what} needs name and {secretKey}");
            }

            if (!names.Add(name))
            {
                throw yaml.Error(item, $"'{name}' is listed twice in {what}");
            }

            items.Add(create(name, secret));
        }

        return items;
    }

    private static Dictionary<string, IReadOnlyList<string>> Groups(ConfigYaml yaml, YamlNode node)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in yaml.Entries(yaml.Mapping(node, "groups"), "groups", allowed: null))
        {
            if (!PlainName().IsMatch(name))
            {
                throw yaml.Error(keyNode, $"group name '{name}' may use letters, digits, '.', '_' and '-' only");
            }

            var members = yaml.StringList(value, $"group '{name}'");
            foreach (var member in members)
            {
                if (member.StartsWith("group:", StringComparison.Ordinal) || !IsPrincipalPattern(member))
                {
                    throw yaml.Error(value, $"group members are slack:USERID or ticket:SOURCE[:USER] (no nested groups), not '{member}'");
                }
            }

            groups[name] = members;
        }

        return groups;
    }

    private static List<AccessRule> Rules(
        ConfigYaml yaml, YamlNode node, Dictionary<string, IReadOnlyList<string>> groups, IReadOnlyList<TicketSource> sources)
    {
        var rules = new List<AccessRule>();
        foreach (var item in yaml.Sequence(node, "rules").Children)
        {
            var mapping = yaml.Mapping(item, "a rule");
            IReadOnlyList<string>? runbooks = null, targets = null, allow = null;
            IReadOnlyList<string> approvers = [];
            foreach (var (key, _, value) in yaml.Entries(mapping, "a rule", s_ruleKeys))
            {
                switch (key)
                {
                    case "runbooks":
                        runbooks = yaml.StringList(value, "runbooks");
                        break;
                    case "targets":
                        targets = yaml.StringList(value, "targets");
                        break;
                    case "allow":
                        allow = Principals(yaml, value, "allow", groups, sources);
                        break;
                    case "approvers":
                        approvers = Principals(yaml, value, "approvers", groups, sources);
                        break;
                }
            }

            if (runbooks is null || targets is null || allow is null)
            {
                throw yaml.Error(item, "a rule needs runbooks, targets and allow (approvers is optional)");
            }

            rules.Add(new AccessRule(runbooks, targets, allow, approvers, (int)item.Start.Line));
        }

        return rules;
    }

    private static IReadOnlyList<string> Principals(
        ConfigYaml yaml, YamlNode node, string what, Dictionary<string, IReadOnlyList<string>> groups, IReadOnlyList<TicketSource> sources)
    {
        var principals = yaml.StringList(node, what);
        foreach (var principal in principals)
        {
            if (!IsPrincipalPattern(principal))
            {
                throw yaml.Error(node, $"{what} entries are slack:USERID, ticket:SOURCE[:USER] or group:NAME (globs allowed in the id), not '{principal}'");
            }

            if (principal.StartsWith("group:", StringComparison.Ordinal) && !groups.ContainsKey(principal[6..]))
            {
                throw yaml.Error(node, $"{what} names group '{principal[6..]}', which server.groups does not define");
            }

            if (principal.StartsWith("ticket:", StringComparison.Ordinal) && principal.Split(':')[1] is var source
                && !source.Contains('*', StringComparison.Ordinal) && !source.Contains('?', StringComparison.Ordinal)
                && sources.All(s => s.Name != source))
            {
                throw yaml.Error(node, $"{what} names ticket source '{source}', which server.tickets does not define");
            }
        }

        return principals;
    }

    private static bool IsPrincipalPattern(string text) =>
        s_principalKinds.Any(kind => text.StartsWith(kind, StringComparison.Ordinal) && text.Length > kind.Length)
        && !text.Any(char.IsWhiteSpace);

    private static SecretReference Secret(ConfigYaml yaml, YamlNode node, string what)
    {
        var text = yaml.NonEmpty(node, what);
        return SecretReference.TryParse(text, out var reference)
            ? reference!
            : throw yaml.Error(node, $"{what} must be a reference to a secret, env:NAME or arn:aws:secretsmanager:…, never the secret itself");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex PlainName();
}
