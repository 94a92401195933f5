namespace EcsOps.Server.Engine;

/// <summary>What the runner gets: the validated run and who asked and approved, for audit fields such as the SSM reason.</summary>
public sealed record JobRun(
    string RunId,
    string Runbook,
    string Target,
    IReadOnlyDictionary<string, string> Parameters,
    string Requester,
    string? Approver);
