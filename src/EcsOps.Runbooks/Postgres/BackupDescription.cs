using EcsOps.Aws.Artifacts;

namespace EcsOps.Runbooks.Postgres;

/// <summary>One dump in a backup folder, as <c>ecsops db backups</c> lists it.</summary>
/// <param name="Complete">True when its manifest exists: only complete backups can be restored.</param>
/// <param name="Sha256">From the manifest; null when incomplete.</param>
public sealed record BackupDescription(
    S3Url Location,
    string? Service,
    DateTimeOffset CreatedUtc,
    long Size,
    string? Comment,
    string? Database,
    string? Source,
    string? RunId,
    string? Sha256,
    bool Complete);
