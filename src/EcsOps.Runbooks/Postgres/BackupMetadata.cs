using System.Globalization;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The user metadata (<c>x-amz-meta-*</c>) of a dump and its manifest. The comment is percent-encoded, since S3
/// metadata travels in HTTP headers and is ASCII only.
/// </summary>
public static class BackupMetadata
{
    public const string Format = "ecsops-format";
    public const string FormatValue = "pg_dump-custom";
    public const string Database = "database";
    public const string RunId = "run-id";
    public const string Source = "source";
    public const string Task = "task";
    public const string Comment = "comment";
    public const string Created = "created";
    public const string PgDumpVersion = "pg-dump-version";
    public const string Sha256 = "sha256";
    public const string Size = "size";

    /// <summary>What is known when the dump starts (set on the dump and repeated on the manifest).</summary>
    public static Dictionary<string, string> ForDump(BackupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var request = plan.Request;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Format] = FormatValue,
            [RunId] = request.RunId,
            [Source] = request.Container.Path,
            [Task] = request.Container.TaskId,
            [Created] = plan.Name.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        AddIfPresent(metadata, Database, plan.Facts.DatabaseName);
        AddIfPresent(metadata, PgDumpVersion, plan.Facts.PgDumpVersion);
        if (!string.IsNullOrWhiteSpace(request.Comment))
        {
            metadata[Comment] = Uri.EscapeDataString(request.Comment.Trim());
        }

        return metadata;
    }

    /// <summary>The dump's metadata plus its hash and size, for the manifest.</summary>
    public static Dictionary<string, string> ForManifest(IReadOnlyDictionary<string, string> dumpMetadata, string sha256, long size)
    {
        var metadata = new Dictionary<string, string>(dumpMetadata, StringComparer.Ordinal)
        {
            [Sha256] = sha256,
            [Size] = size.ToString(CultureInfo.InvariantCulture),
        };
        return metadata;
    }

    /// <summary>The comment as written, or null.</summary>
    public static string? ReadComment(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(Comment, out var encoded))
        {
            return null;
        }

        try
        {
            return Uri.UnescapeDataString(encoded);
        }
        catch (UriFormatException)
        {
            return encoded;
        }
    }

    /// <summary>The size recorded in a manifest's metadata, or null.</summary>
    public static long? ReadSize(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(Size, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;

    // A value S3 can carry in a header: printable ASCII on one line.
    private static void AddIfPresent(Dictionary<string, string> metadata, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            metadata[name] = value.All(c => c is >= ' ' and <= '~') ? value : Uri.EscapeDataString(value);
        }
    }
}
