namespace EcsOps.Server.Jobs;

/// <summary>
/// Where a run is. <c>pending-approval → queued → running → succeeded | failed</c>; <c>pending-approval → denied |
/// expired</c>; <c>running → interrupted</c> when the service stopped or died mid-run and the runbook is not
/// idempotent (an idempotent one goes back to <c>queued</c>). The last five are final.
/// </summary>
public enum JobState
{
    PendingApproval,
    Queued,
    Running,
    Succeeded,
    Failed,
    Denied,
    Expired,
    Interrupted,
}
