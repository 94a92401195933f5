using EcsOps.Aws.Artifacts;
using EcsOps.Aws.Tasks;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// A backup about to run: what the probe found (nothing when a task backup's container cannot be reached by exec),
/// the object it will write, how long it should take through exec, and for a task backup the task it will start.
/// </summary>
public sealed record BackupPlan(BackupRequest Request, DatabaseFacts Facts, BackupName Name, S3Url Object, TransferEstimate Estimate, ServiceTaskTemplate? Task)
{
    /// <summary>Where the manifest will be written once the dump is complete.</summary>
    public S3Url Manifest => Object.WithSuffix(BackupManifest.Suffix);
}
