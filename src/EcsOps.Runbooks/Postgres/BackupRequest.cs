using EcsOps.Aws.Artifacts;
using EcsOps.Aws.Discovery;

namespace EcsOps.Runbooks.Postgres;

/// <summary>What to back up and where to.</summary>
/// <param name="Container">The container whose database (and tools) the dump uses.</param>
/// <param name="Destination">The S3 prefix the dump goes under.</param>
/// <param name="Comment">Free text; its slug goes into the file name, the text into the metadata.</param>
/// <param name="RunId">The run id recorded in the metadata (and the audit trail).</param>
/// <param name="AsTask">Dump in a one-off task of the container's service that writes to S3 itself, not through exec.</param>
/// <param name="TaskThresholdBytes">The database size above which a one-off task is recommended.</param>
public sealed record BackupRequest(
    DiscoveredContainer Container,
    S3Url Destination,
    string? Comment,
    PostgresConnection Connection,
    string RunId,
    bool AsTask = false,
    long TaskThresholdBytes = TransferEstimate.DefaultTaskThresholdBytes);
