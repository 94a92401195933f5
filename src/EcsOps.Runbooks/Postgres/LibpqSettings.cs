using System.Text;
using System.Text.Json;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// A database connection as libpq environment variables (<c>PGHOST</c>, <c>PGUSER</c>, <c>PGPASSWORD</c>, …), read
/// from a Secrets Manager value: a <c>postgresql://</c> URL, or the JSON Secrets Manager keeps for RDS
/// (<c>host</c>, <c>port</c>, <c>username</c>, <c>password</c>, <c>dbname</c>). The remote command exports them, so
/// the password reaches pg_dump through its environment, which only its own user can read, never through argv,
/// which every process in the container can.
/// </summary>
/// <remarks>Error messages name keys and positions only, never a value of the secret.</remarks>
public sealed class LibpqSettings
{
    /// <summary>URL query parameters and the environment variable libpq reads for each.</summary>
    private static readonly Dictionary<string, string> s_parameterVariables = new(StringComparer.Ordinal)
    {
        ["host"] = "PGHOST",
        ["hostaddr"] = "PGHOSTADDR",
        ["port"] = "PGPORT",
        ["dbname"] = "PGDATABASE",
        ["user"] = "PGUSER",
        ["password"] = "PGPASSWORD",
        ["passfile"] = "PGPASSFILE",
        ["options"] = "PGOPTIONS",
        ["application_name"] = "PGAPPNAME",
        ["sslmode"] = "PGSSLMODE",
        ["sslnegotiation"] = "PGSSLNEGOTIATION",
        ["sslcert"] = "PGSSLCERT",
        ["sslkey"] = "PGSSLKEY",
        ["sslrootcert"] = "PGSSLROOTCERT",
        ["sslcrl"] = "PGSSLCRL",
        ["requirepeer"] = "PGREQUIREPEER",
        ["gssencmode"] = "PGGSSENCMODE",
        ["channel_binding"] = "PGCHANNELBINDING",
        ["connect_timeout"] = "PGCONNECT_TIMEOUT",
        ["target_session_attrs"] = "PGTARGETSESSIONATTRS",
        ["load_balance_hosts"] = "PGLOADBALANCEHOSTS",
    };

    private readonly SortedDictionary<string, string> _variables;

    private LibpqSettings(SortedDictionary<string, string> variables) => _variables = variables;

    /// <summary>Every variable name the remote command accepts on its stdin.</summary>
    public static IReadOnlyCollection<string> KnownVariables => s_parameterVariables.Values;

    /// <summary>The variables, by name; <c>PGDATABASE</c> is always set.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The database the settings name.</summary>
    public string Database => _variables["PGDATABASE"];

    /// <summary>Reads a Secrets Manager string.</summary>
    /// <exception cref="FormatException">Neither form, or a value libpq could not take from the environment.</exception>
    public static LibpqSettings Parse(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var text = secret.Trim();
        var variables = text.StartsWith('{') ? FromJson(text)
            : text.StartsWith("postgresql://", StringComparison.Ordinal) || text.StartsWith("postgres://", StringComparison.Ordinal) ? FromUrl(text)
            : throw new FormatException("the secret is neither a postgresql:// URL nor JSON with host, username and password");

        if (!variables.ContainsKey("PGDATABASE"))
        {
            // libpq's own default: the database named like the user.
            variables["PGDATABASE"] = variables.GetValueOrDefault("PGUSER")
                ?? throw new FormatException("the secret names neither a database nor a user");
        }

        foreach (var (name, value) in variables)
        {
            if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
                || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new FormatException($"the secret's {name} contains a line break or NUL, which the connection settings cannot carry");
            }
        }

        return new LibpqSettings(variables);
    }

    /// <summary>
    /// The stdin preamble of the remote command: one <c>NAME=value</c> line per variable, then an empty line
    /// (what follows, for a restore, is the dump).
    /// </summary>
    public byte[] ToPreamble()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _variables)
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }

    public override string ToString() => $"libpq settings for database {Database} ({string.Join(", ", _variables.Keys)})";

    private static SortedDictionary<string, string> FromJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            throw new FormatException($"the secret is not valid JSON (line {error.LineNumber + 1})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the secret's JSON is not an object");
            }

            var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, variable) in new[] { ("host", "PGHOST"), ("port", "PGPORT"), ("username", "PGUSER"), ("password", "PGPASSWORD"), ("dbname", "PGDATABASE") })
            {
                if (document.RootElement.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    var textValue = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;
                    if (textValue.Length > 0)
                    {
                        variables[variable] = textValue;
                    }
                }
            }

            foreach (var required in new[] { ("host", "PGHOST"), ("username", "PGUSER") })
            {
                if (!variables.ContainsKey(required.Item2))
                {
                    throw new FormatException($"the secret's JSON has no '{required.Item1}'");
                }
            }

            return variables;
        }
    }

    /// <summary><c>postgresql://[user[:password]@][host[:port][,…]][/dbname][?param=value&amp;…]</c>, percent-encoded parts decoded.</summary>
    private static SortedDictionary<string, string> FromUrl(string text)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = "";
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        if (slash >= 0 && rest.Length > slash + 1)
        {
            variables["PGDATABASE"] = Decode(rest[(slash + 1)..], "database");
        }

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? userInfo : userInfo[..colon];
            if (user.Length > 0)
            {
                variables["PGUSER"] = Decode(user, "user");
            }

            if (colon >= 0)
            {
                variables["PGPASSWORD"] = Decode(userInfo[(colon + 1)..], "password");
            }
        }

        if (authority.Length > 0)
        {
            AddHosts(authority, variables);
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals], "parameter name");
            if (!s_parameterVariables.TryGetValue(name, out var variable))
            {
                throw new FormatException($"the secret's URL has the parameter '{name}', which ecsops cannot pass to pg_dump through the environment");
            }

            variables[variable] = Decode(equals < 0 ? "" : pair[(equals + 1)..], name);
        }

        return variables;
    }

    /// <summary><c>host[:port]</c>, comma-separated, IPv6 in brackets; libpq takes lists in PGHOST and PGPORT alike.</summary>
    private static void AddHosts(string authority, SortedDictionary<string, string> variables)
    {
        var hosts = new List<string>();
        var ports = new List<string>();
        foreach (var entry in authority.Split(','))
        {
            string host;
            var port = "";
            if (entry.StartsWith('['))
            {
                var close = entry.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FormatException("the secret's URL has an IPv6 host without its closing ']'");
                }

                host = entry[1..close];
                if (entry.Length > close + 1)
                {
                    port = entry[(close + 1)..].TrimStart(':');
                }
            }
            else
            {
                var colon = entry.LastIndexOf(':');
                host = colon < 0 ? entry : entry[..colon];
                port = colon < 0 ? "" : entry[(colon + 1)..];
            }

            if (port.Length > 0 && !port.All(char.IsAsciiDigit))
            {
                throw new FormatException("the secret's URL has a port that is not a number");
            }

            hosts.Add(Decode(host, "host"));
            ports.Add(port);
        }

        if (hosts.Any(h => h.Length > 0))
        {
            variables["PGHOST"] = string.Join(',', hosts);
        }

        if (ports.Any(p => p.Length > 0))
        {
            variables["PGPORT"] = string.Join(',', ports);
        }
    }

    private static string Decode(string text, string what)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            throw new FormatException($"the secret's URL has a badly encoded {what}");
        }
    }
}
