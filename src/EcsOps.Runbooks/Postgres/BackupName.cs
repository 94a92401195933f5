using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The file name of a dump: <c>&lt;service&gt;_&lt;UTC yyyyMMddTHHmmssZ&gt;[_&lt;comment-slug&gt;].dump</c>, sortable by
/// time per service and readable in a plain <c>aws s3 ls</c>. The slug is the comment in lowercase letters, digits
/// and hyphens; the comment itself is kept in the object's metadata.
/// </summary>
public sealed partial record BackupName(string Service, DateTimeOffset CreatedUtc, string? Slug)
{
    public const string Extension = ".dump";

    /// <summary>The longest slug kept in a name.</summary>
    public const int MaxSlugLength = 48;

    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public string FileName =>
        $"{Service}_{CreatedUtc.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}{(Slug is null ? "" : "_" + Slug)}{Extension}";

    /// <summary>The name for a new dump of <paramref name="service"/> at <paramref name="now"/> (whole seconds).</summary>
    public static BackupName Create(string service, DateTimeOffset now, string? comment)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        var safeService = new string([.. service.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        var utc = now.ToUniversalTime();
        var seconds = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero);
        return new BackupName(safeService, seconds, Slugify(comment));
    }

    /// <summary>
    /// Lowercase ASCII letters and digits, every run of anything else (non-ASCII letters too) one hyphen; null when
    /// nothing is left.
    /// </summary>
    public static string? Slugify(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return null;
        }

        var slug = new StringBuilder();
        foreach (var c in comment)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        if (text.Length > MaxSlugLength)
        {
            text = text[..MaxSlugLength].TrimEnd('-');
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>Reads a file name back; null when it is not one of ours.</summary>
    public static BackupName? TryParse(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var match = NamePattern().Match(fileName);
        if (!match.Success
            || !DateTimeOffset.TryParseExact(match.Groups["time"].Value, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
        {
            return null;
        }

        return new BackupName(match.Groups["service"].Value, created, match.Groups["slug"].Success ? match.Groups["slug"].Value : null);
    }

    [GeneratedRegex(@"^(?<service>.+?)_(?<time>\d{8}T\d{6}Z)(?:_(?<slug>[a-z0-9][a-z0-9-]*))?\.dump$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
