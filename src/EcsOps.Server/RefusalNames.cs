namespace EcsOps.Server;

/// <summary>The kebab-case names of <see cref="RefusalKind"/> used in audit events and JSON errors.</summary>
public static class RefusalNames
{
    public static string Name(RefusalKind kind) => kind switch
    {
        RefusalKind.MalformedRequest => "malformed-request",
        RefusalKind.UnknownRunbook => "unknown-runbook",
        RefusalKind.InvalidRequest => "invalid-request",
        RefusalKind.NotAllowed => "not-allowed",
        RefusalKind.ApprovalMissing => "approval-missing",
        RefusalKind.ApproverNotAllowed => "approver-not-allowed",
        RefusalKind.SelfApproval => "self-approval",
        RefusalKind.UnknownRun => "unknown-run",
        RefusalKind.AlreadyDecided => "already-decided",
        RefusalKind.TicketConflict => "ticket-conflict",
        RefusalKind.AuditUnavailable => "audit-unavailable",
        RefusalKind.Unverified => "unverified",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
