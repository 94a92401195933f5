namespace EcsOps.Server.Engine;

/// <summary>What the runner gets: the validated run and who asked and approved, for the audit trail and AWS markers.</summary>
/// <param name="Channel"><c>slack</c> or <c>ticket:SOURCE</c>.</param>
/// <param name="TicketId">The ticket of a ticket run.</param>
public sealed record JobRun(
    string RunId,
    string Runbook,
    string Target,
    IReadOnlyDictionary<string, string> Parameters,
    string Requester,
    string? Approver,
    string Channel = "slack",
    string? TicketId = null)
{
    /// <summary>Parameters whose values are secret (masked in audit events).</summary>
    public IReadOnlyList<string> SecretParameters { get; init; } = [];

    /// <summary>Why the run happens, as the audit trail's reason: where it was asked for.</summary>
    public string Reason => TicketId is { } ticket ? $"{Channel} {ticket}" : $"{Channel} request";
}
