namespace EcsOps.Runbooks.Inspect;

/// <summary>What one exec session found in a container: its live environment and the files asked for.</summary>
public sealed record ProbeResult(IReadOnlyDictionary<string, string>? Environment, IReadOnlyList<ProbedFile> Files);
