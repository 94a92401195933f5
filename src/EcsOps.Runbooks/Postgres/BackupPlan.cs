using EcsOps.Aws.Artifacts;

namespace EcsOps.Runbooks.Postgres;

/// <summary>A backup about to run: what the probe found, the object it will write, and how long it should take.</summary>
public sealed record BackupPlan(BackupRequest Request, DatabaseFacts Facts, BackupName Name, S3Url Object, TransferEstimate Estimate)
{
    /// <summary>Where the manifest will be written once the dump is complete.</summary>
    public S3Url Manifest => Object.WithSuffix(BackupManifest.Suffix);
}
