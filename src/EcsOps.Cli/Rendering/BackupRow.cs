using EcsOps.Runbooks.Postgres;

namespace EcsOps.Cli.Rendering;

/// <summary>One dump as <c>ecsops db backups --output json</c> writes it (camelCase).</summary>
public sealed record BackupRow
{
    /// <summary>The s3:// address, as <c>db restore --from</c> takes it.</summary>
    public required string Url { get; init; }

    public required string Key { get; init; }
    public string? Service { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Size { get; init; }
    public string? Comment { get; init; }
    public string? Database { get; init; }
    public string? Source { get; init; }
    public string? RunId { get; init; }
    public string? Sha256 { get; init; }

    /// <summary>False when the manifest is missing: the dump cannot be verified or restored.</summary>
    public required bool Complete { get; init; }

    public static BackupRow From(BackupDescription backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return new BackupRow
        {
            Url = backup.Location.ToString(),
            Key = backup.Location.Key,
            Service = backup.Service,
            Created = backup.CreatedUtc,
            Size = backup.Size,
            Comment = backup.Comment,
            Database = backup.Database,
            Source = backup.Source,
            RunId = backup.RunId,
            Sha256 = backup.Sha256,
            Complete = backup.Complete,
        };
    }
}
