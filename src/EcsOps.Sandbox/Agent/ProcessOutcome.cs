namespace EcsOps.Sandbox.Agent;

/// <summary>How a session's process ended: on its own (with its exit code), or killed because the channel ended first.</summary>
internal readonly record struct ProcessOutcome(bool Exited, int ExitCode)
{
    public static ProcessOutcome ChannelEnded { get; } = new(false, -1);
}
