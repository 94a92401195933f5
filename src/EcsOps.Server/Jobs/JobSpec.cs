namespace EcsOps.Server.Jobs;

/// <summary>
/// A run as it was asked for and decided on: what, where, for whom, who may approve, and how it starts (waiting for
/// approval or queued). What the store adds while the run goes on is in <see cref="Job"/>.
/// </summary>
public record JobSpec
{
    public required string Id { get; init; }

    public required string Runbook { get; init; }

    public required string Target { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Names of parameters whose values are secret (see <see cref="ShownParameters"/>).</summary>
    public IReadOnlyList<string> SecretParameters { get; init; } = [];

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

    /// <summary>Running it again after an interruption is harmless (the runbook says so).</summary>
    public bool Idempotent { get; init; }

    /// <summary>Where the run is; a new one is <see cref="JobState.PendingApproval"/> or <see cref="JobState.Queued"/>.</summary>
    public required JobState State { get; init; }

    /// <summary>Slack's <c>response_url</c> for progress and the result; null for ticket runs.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>The parameters as they may be shown (page, API, Slack, audit): secret values as <c>***</c>.</summary>
    public IReadOnlyDictionary<string, string> ShownParameters() =>
        Parameters.ToDictionary(p => p.Key, p => SecretParameters.Contains(p.Key) ? "***" : p.Value, StringComparer.Ordinal);
}
