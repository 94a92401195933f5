namespace EcsOps.Server.Jobs;

/// <summary>A run about to be stored: everything but the store-managed fields.</summary>
public sealed record NewJob
{
    public required string Id { get; init; }

    public required string Runbook { get; init; }

    public required string Target { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required string Channel { get; init; }

    public required string Requester { get; init; }

    public required string RequesterName { get; init; }

    public string? TicketSource { get; init; }

    public string? TicketId { get; init; }

    public string? RequestDigest { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    public string? Approver { get; init; }

    public bool Idempotent { get; init; }

    /// <summary><see cref="JobState.PendingApproval"/> or <see cref="JobState.Queued"/>.</summary>
    public required JobState State { get; init; }

    public string? ResponseUrl { get; init; }
}
