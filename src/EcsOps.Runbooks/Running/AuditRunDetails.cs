namespace EcsOps.Runbooks.Running;

/// <summary>What the audit events of a run say beyond its plan: why, and on whose behalf (<see cref="AuditRunObserver"/>).</summary>
public sealed record AuditRunDetails
{
    /// <summary>Why, in the operator's words (<c>--reason</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>Who asked, when the caller runs it for someone else.</summary>
    public string? Requester { get; init; }

    /// <summary>Who approved it.</summary>
    public string? Approver { get; init; }
}
