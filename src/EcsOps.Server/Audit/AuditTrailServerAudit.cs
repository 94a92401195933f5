using EcsOps.Aws.Audit;

namespace EcsOps.Server.Audit;

/// <summary>
/// The service's decisions in the product-wide audit trail (the hash-chained file, CloudWatch Logs), each as an action
/// of its own that starts and ends at once: a refused request is a <c>run</c> that ended <c>refused</c> with the
/// reason; an approval or denial is an <c>approve</c> / <c>deny</c> action by the approver, naming the run and its
/// requester. Runs themselves are written by the engine's observer, with the container they reached; the events of
/// requests that are merely queued stay in the job store.
/// </summary>
public sealed class AuditTrailServerAudit(IAuditTrail trail) : IServerAudit
{
    public const string ApproveAction = "approve";
    public const string DenyAction = "deny";

    public async Task RecordAsync(ServerAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var (action, outcome) = auditEvent.Kind switch
        {
            ServerAuditKinds.RequestRefused => (AuditActions.Run, AuditOutcome.Refused(auditEvent.Detail ?? "refused")),
            ServerAuditKinds.ApprovalRefused => (ApproveAction, AuditOutcome.Refused(auditEvent.Detail ?? "refused")),
            ServerAuditKinds.RunApproved => (ApproveAction, AuditOutcome.Ok(null)),
            ServerAuditKinds.RunDenied => (DenyAction, AuditOutcome.Ok(null)),
            _ => (null, null),
        };
        if (action is null)
        {
            return;
        }

        var decidesOnARun = action != AuditActions.Run;
        var run = await trail.BeginAsync(
            new AuditStart
            {
                Action = action,
                Command = auditEvent.Runbook is null ? null : $"{auditEvent.Runbook} on {auditEvent.Target}",
                Reason = $"{auditEvent.Channel}{(auditEvent.RunId is { } runId ? " run " + runId : "")}",
                Requester = decidesOnARun ? auditEvent.Requester : auditEvent.Actor,
                Approver = decidesOnARun ? auditEvent.Actor : null,
            },
            cancellationToken);
        await run.EndAsync(outcome!, cancellationToken);
    }
}
