namespace EcsOps.Server.Jobs;

/// <summary>One run as the store holds it.</summary>
public sealed record Job
{
    public required string Id { get; init; }

    public required string Runbook { get; init; }

    public required string Target { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary><c>slack</c> or <c>ticket:SOURCE</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The requester's principal (<c>slack:U…</c>, <c>ticket:SOURCE:USER</c>).</summary>
    public required string Requester { get; init; }

    /// <summary>How to show the requester (Slack user name, ticket user).</summary>
    public required string RequesterName { get; init; }

    public string? TicketSource { get; init; }

    public string? TicketId { get; init; }

    /// <summary>A digest of what a ticket asked for, to tell a retry from a different request reusing the ticket id.</summary>
    public string? RequestDigest { get; init; }

    /// <summary>Who may approve (principal patterns, as the policy said when the run was requested); empty when none is needed.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>The approver's principal once approved (or denied).</summary>
    public string? Approver { get; init; }

    public bool Idempotent { get; init; }

    public required JobState State { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Why a run failed without an exit code, was interrupted, denied or expired.</summary>
    public string? Error { get; init; }

    /// <summary>How many times a worker started it (more than one only for idempotent runs after an interruption).</summary>
    public int Attempts { get; init; }

    /// <summary>Slack's <c>response_url</c> for progress and the result; null for ticket runs.</summary>
    public string? ResponseUrl { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpires { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? QueuedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True when output beyond the stored limit was dropped.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>From start to finish, or to <paramref name="now"/> while running; null before it started.</summary>
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is { } started ? (FinishedAt ?? now) - started : null;
}
