namespace EcsOps.Server;

/// <summary>Why a request did not become a run (or an approval did not count).</summary>
public enum RefusalKind
{
    /// <summary>A missing, malformed, stale, forged or replayed signature.</summary>
    Unverified,

    /// <summary>The body or the command text could not be read (or is too large).</summary>
    MalformedRequest,

    /// <summary>No such runbook.</summary>
    UnknownRunbook,

    /// <summary>The target or a parameter failed validation.</summary>
    InvalidRequest,

    /// <summary>No rule allows this caller to run this runbook on this target.</summary>
    NotAllowed,

    /// <summary>The rule needs an approval the request did not carry.</summary>
    ApprovalMissing,

    /// <summary>The approver is not among the rule's approvers.</summary>
    ApproverNotAllowed,

    /// <summary>The approver is the requester.</summary>
    SelfApproval,

    /// <summary>No run has that id.</summary>
    UnknownRun,

    /// <summary>The run is not waiting for approval any more.</summary>
    AlreadyDecided,

    /// <summary>The ticket was already used for a different request.</summary>
    TicketConflict,

    /// <summary>The audit event could not be written, so nothing happens (audit fails closed).</summary>
    AuditUnavailable,
}
