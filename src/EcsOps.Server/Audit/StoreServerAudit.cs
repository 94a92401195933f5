using EcsOps.Server.Jobs;

namespace EcsOps.Server.Audit;

/// <summary>
/// Audit events in the job store next to the runs they describe: shown with each run on the page and by
/// <c>GET /runs/{id}/events</c>, and all of them (refusals too) by <c>GET /audit</c>.
/// </summary>
public sealed class StoreServerAudit(IJobStore store) : IServerAudit
{
    public Task RecordAsync(ServerAuditEvent auditEvent, CancellationToken cancellationToken) =>
        store.AppendEventAsync(auditEvent, cancellationToken);
}
