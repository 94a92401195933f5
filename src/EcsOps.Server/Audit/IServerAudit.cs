namespace EcsOps.Server.Audit;

/// <summary>
/// Where the service's audit events go. Writing throws when the event cannot be stored; callers then do not act
/// (audit fails closed).
/// </summary>
public interface IServerAudit
{
    Task RecordAsync(ServerAuditEvent auditEvent, CancellationToken cancellationToken);
}
