using EcsOps.Aws.Artifacts;

namespace EcsOps.Runbooks.Postgres;

/// <summary>A restore about to run: the dump and the manifest it must match, and what the probe found.</summary>
/// <param name="ExpectedSize">The size the manifest records.</param>
public sealed record RestorePlan(RestoreRequest Request, S3ObjectHead Dump, BackupManifest Manifest, long ExpectedSize, DatabaseFacts Facts)
{
    /// <summary>The database that will be overwritten, as the probe saw it (null when psql is missing).</summary>
    public string? DatabaseName => Facts.DatabaseName;
}
