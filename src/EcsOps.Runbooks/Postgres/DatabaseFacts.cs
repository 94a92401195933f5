namespace EcsOps.Runbooks.Postgres;

/// <summary>What a probe found in the container: which tools exist and, when psql could ask, the database's name and size.</summary>
/// <param name="PgDump">pg_dump's path; null when the container has none.</param>
/// <param name="PgRestore">pg_restore's path; null when the container has none.</param>
/// <param name="Psql">psql's path; null when the container has none (name and size are then unknown).</param>
/// <param name="PgDumpVersion">What <c>pg_dump --version</c> printed.</param>
/// <param name="ConnectionProblem">psql's last error line when it could not query the database.</param>
public sealed record DatabaseFacts(
    string? PgDump, string? PgRestore, string? Psql, string? PgDumpVersion, string? DatabaseName, long? SizeBytes, string? ConnectionProblem)
{
    /// <summary>Nothing known: no probe ran.</summary>
    public static readonly DatabaseFacts Unknown = new(null, null, null, null, null, null, null);

    /// <summary>Reads the probe script's output (see <see cref="PostgresScripts.Probe"/>).</summary>
    public static DatabaseFacts Parse(string output, string errorOutput)
    {
        ArgumentNullException.ThrowIfNull(output);
        string? pgDump = null, pgRestore = null, psql = null, version = null, database = null;
        long? size = null;
        int? psqlExit = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (tag, value) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..].TrimEnd('\r'));
            switch (tag)
            {
                case "tool":
                    var toolSpace = value.IndexOf(' ', StringComparison.Ordinal);
                    var path = toolSpace < 0 ? null : value[(toolSpace + 1)..].Trim();
                    path = string.IsNullOrEmpty(path) ? null : path;
                    switch (toolSpace < 0 ? value : value[..toolSpace])
                    {
                        case "pg_dump": pgDump = path; break;
                        case "pg_restore": pgRestore = path; break;
                        case "psql": psql = path; break;
                    }

                    break;
                case "version":
                    version = value.Trim();
                    break;
                case "size" when long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes):
                    size = bytes;
                    break;
                case "database":
                    database = value;
                    break;
                case "psql-exit":
                    psqlExit = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : -1;
                    break;
            }
        }

        var problem = psqlExit is { } exit && exit != 0 ? LastLine(errorOutput) ?? $"psql exited with {exit}" : null;
        return new DatabaseFacts(pgDump, pgRestore, psql, version, database, size, problem);
    }

    /// <summary>The last non-empty line of a tool's stderr, for one-line error messages.</summary>
    public static string? LastLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
}
