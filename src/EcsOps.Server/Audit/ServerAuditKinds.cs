namespace EcsOps.Server.Audit;

/// <summary>The <see cref="ServerAuditEvent.Kind"/> values.</summary>
public static class ServerAuditKinds
{
    public const string RequestRefused = "request-refused";
    public const string RunRequested = "run-requested";
    public const string RunApproved = "run-approved";
    public const string RunDenied = "run-denied";
    public const string ApprovalRefused = "approval-refused";
    public const string RunExpired = "run-expired";
    public const string RunStarted = "run-started";
    public const string RunFinished = "run-finished";
    public const string RunInterrupted = "run-interrupted";
    public const string RunRequeued = "run-requeued";
}
