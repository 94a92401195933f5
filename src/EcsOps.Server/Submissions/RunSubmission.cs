using EcsOps.Server.Policy;

namespace EcsOps.Server.Submissions;

/// <summary>A request to run a runbook, from Slack or a ticket system, after its signature was verified.</summary>
public sealed record RunSubmission
{
    /// <summary><c>slack</c> or <c>ticket:SOURCE</c>.</summary>
    public required string Channel { get; init; }

    public required Principal Requester { get; init; }

    /// <summary>How to show the requester.</summary>
    public required string RequesterName { get; init; }

    public required string Runbook { get; init; }

    /// <summary>The target as asked; null lets the runbook's default apply.</summary>
    public string? Target { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public string? TicketSource { get; init; }

    public string? TicketId { get; init; }

    /// <summary>The approver a ticket system vouches for; Slack runs are approved with buttons instead.</summary>
    public Principal? Approver { get; init; }

    /// <summary>Slack's response_url, already checked against the allowed prefixes.</summary>
    public string? ResponseUrl { get; init; }
}
