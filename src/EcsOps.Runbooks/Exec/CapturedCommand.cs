namespace EcsOps.Runbooks.Exec;

/// <summary>What a short remote command printed, and its exit status.</summary>
public sealed record CapturedCommand(int ExitCode, CapturedBytes Output, CapturedBytes Error);
