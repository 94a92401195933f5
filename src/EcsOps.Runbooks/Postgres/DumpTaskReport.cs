using System.Globalization;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The line a dump task prints last (<see cref="PostgresScripts.DumpToS3"/>):
/// <c>ecsops-dump pg_dump=STATUS upload=STATUS sha256=HEX</c>; pg_dump's status is <c>none</c> when it never reported
/// one, the hash is empty when the container could not hash on the way.
/// </summary>
public sealed record DumpTaskReport(int? PgDumpStatus, int UploadStatus, string? Sha256)
{
    public const string Marker = "ecsops-dump";

    public bool Succeeded => PgDumpStatus == 0 && UploadStatus == 0;

    /// <summary>Reads a log line; null when it is not the report.</summary>
    public static DumpTaskReport? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        if (!trimmed.StartsWith(Marker + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = trimmed[(Marker.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("upload", out var upload) || !int.TryParse(upload, NumberStyles.None, CultureInfo.InvariantCulture, out var uploadStatus))
        {
            return null;
        }

        int? dumpStatus = fields.TryGetValue("pg_dump", out var dump) && int.TryParse(dump, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        var sha256 = fields.GetValueOrDefault("sha256") is { Length: 64 } hash && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : null;
        return new DumpTaskReport(dumpStatus, uploadStatus, sha256);
    }
}
