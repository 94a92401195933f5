namespace EcsOps.Server.Engine;

/// <summary>A run as a caller asked for it, before validation.</summary>
/// <param name="Runbook">The runbook name.</param>
/// <param name="Target">The target (named target or selector); null lets the runbook's default apply.</param>
/// <param name="Parameters">Parameter values as text, by name.</param>
public sealed record RunbookRequest(string Runbook, string? Target, IReadOnlyDictionary<string, string> Parameters);
