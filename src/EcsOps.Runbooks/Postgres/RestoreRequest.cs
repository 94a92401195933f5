using EcsOps.Aws.Artifacts;
using EcsOps.Aws.Discovery;

namespace EcsOps.Runbooks.Postgres;

/// <summary>What to restore into which container's database.</summary>
/// <param name="Source">The dump object (its manifest is <c>&lt;key&gt;.sha256</c>).</param>
/// <param name="Clean">Drop objects before recreating them (<c>pg_restore --clean --if-exists</c>).</param>
/// <param name="SingleTransaction">Restore in one transaction: a failure leaves the database as it was.</param>
/// <param name="TempDirectory">Where the verified copy of the dump waits; it needs room for the whole dump.</param>
public sealed record RestoreRequest(
    DiscoveredContainer Container,
    S3Url Source,
    PostgresConnection Connection,
    string RunId,
    bool Clean,
    bool SingleTransaction,
    string TempDirectory);
