namespace EcsOps.Server.Audit;

/// <summary>
/// One thing the service decided or did: a refused request, a requested, approved, denied, started or finished run.
/// Written before the action it records takes effect where that matters (approval, start): audit fails closed.
/// </summary>
public sealed record ServerAuditEvent
{
    public required DateTimeOffset At { get; init; }

    public required string Kind { get; init; }

    /// <summary>The run; null for a request refused before it became one.</summary>
    public string? RunId { get; init; }

    /// <summary><c>slack</c>, <c>ticket:SOURCE</c>, or <c>ticket</c> when the source is not known (bad signature).</summary>
    public required string Channel { get; init; }

    /// <summary>The principal who acted (requester, approver), <c>ecsops</c> for the service itself, or <c>unverified</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>Who asked for the run, when the actor is someone else (an approver).</summary>
    public string? Requester { get; init; }

    public string? Runbook { get; init; }

    public string? Target { get; init; }

    /// <summary>The reason of a refusal, the error of a run, a ticket id…</summary>
    public string? Detail { get; init; }

    public int? ExitCode { get; init; }
}
