using EcsOps.Server.Audit;

namespace EcsOps.Server.Hosting;

/// <summary>Writes each event to every destination in turn; the first failure stops the action (audit fails closed).</summary>
internal sealed class CombinedServerAudit(IReadOnlyList<IServerAudit> destinations) : IServerAudit
{
    public async Task RecordAsync(ServerAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        foreach (var destination in destinations)
        {
            await destination.RecordAsync(auditEvent, cancellationToken);
        }
    }
}
