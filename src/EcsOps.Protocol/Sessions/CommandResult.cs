namespace EcsOps.Protocol.Sessions;

/// <summary>How a NonInteractiveCommands session ended.</summary>
/// <param name="ExitCode">The remote exit code; null when the session ended without one, which is not success.</param>
/// <param name="ClosedOutput">The text of the service's <c>channel_closed</c>, when that is how it ended.</param>
public sealed record CommandResult(int? ExitCode, string? ClosedOutput)
{
    public bool ExitCodeReceived => ExitCode.HasValue;
}
