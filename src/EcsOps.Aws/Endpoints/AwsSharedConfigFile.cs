using EcsOps.Aws.Config;

namespace EcsOps.Aws.Endpoints;

/// <summary>
/// The sections of the shared AWS config file (<c>~/.aws/config</c> or <c>AWS_CONFIG_FILE</c>), parsed just enough
/// for endpoint settings: <c>[default]</c>, <c>[profile name]</c> and <c>[services name]</c> sections with
/// <c>key = value</c> lines, where an empty value opens indented <c>sub = value</c> lines (stored as
/// <c>key.sub</c>). Credentials are resolved by the AWS SDK, which reads the file itself.
/// </summary>
public sealed class AwsSharedConfigFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private AwsSharedConfigFile(Dictionary<string, Dictionary<string, string>> sections) => _sections = sections;

    /// <summary>A file with no sections.</summary>
    public static AwsSharedConfigFile Empty { get; } = new(new(StringComparer.Ordinal));

    /// <summary>Reads the file named by <c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c>; empty when absent or unreadable.</summary>
    public static AwsSharedConfigFile Load(IEnvironmentVariables environment)
    {
        var path = environment.GetNonEmpty("AWS_CONFIG_FILE")
            ?? (environment.HomeDirectory() is { } home ? Path.Combine(home, ".aws", "config") : null);
        if (path is null || !File.Exists(path))
        {
            return Empty;
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>Parses config file text. Malformed lines are skipped, as the AWS CLI does.</summary>
    public static AwsSharedConfigFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        string? openParent = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = StripComment(rawLine.TrimEnd('\r'));
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indented = char.IsWhiteSpace(line[0]);
            var trimmed = line.Trim();
            if (!indented && trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                var name = string.Join(' ', trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new(StringComparer.Ordinal);
                openParent = null;
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0)
            {
                continue;
            }

            var key = trimmed[..equals].Trim().ToLowerInvariant();
            var value = trimmed[(equals + 1)..].Trim();
            if (indented && openParent is not null)
            {
                current[openParent + "." + key] = value;
            }
            else
            {
                current[key] = value;
                openParent = value.Length == 0 ? key : null;
            }
        }

        return new AwsSharedConfigFile(sections);
    }

    /// <summary>The settings of profile <paramref name="profileName"/> (<c>[default]</c> or <c>[profile name]</c>).</summary>
    public IReadOnlyDictionary<string, string> Profile(string profileName)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        if (_sections.TryGetValue("profile " + profileName, out var profile))
        {
            return profile;
        }

        return profileName == "default" && _sections.TryGetValue("default", out var fallback)
            ? fallback
            : new Dictionary<string, string>();
    }

    /// <summary>The settings of a <c>[services name]</c> section.</summary>
    public IReadOnlyDictionary<string, string> Services(string sectionName) =>
        _sections.TryGetValue("services " + sectionName, out var services) ? services : new Dictionary<string, string>();

    // Full-line comments start with # or ;. Inline comments need whitespace before the marker so that
    // URLs with fragments or values containing ';' survive.
    private static string StripComment(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
        {
            return "";
        }

        for (var i = 1; i < line.Length; i++)
        {
            if ((line[i] == '#' || line[i] == ';') && char.IsWhiteSpace(line[i - 1]))
            {
                return line[..i];
            }
        }

        return line;
    }
}
