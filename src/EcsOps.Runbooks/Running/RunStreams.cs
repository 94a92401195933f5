using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Where a run's bytes and messages go. Exec mode writes the command's stdout and stderr byte for byte; task mode
/// writes the container's log lines (awslogs merges stdout and stderr) to <see cref="Output"/>, each ending in a newline.
/// </summary>
public sealed record RunStreams
{
    /// <summary>The command's stdin in exec mode (then EOF); null sends EOF at once. Task mode has no stdin.</summary>
    public Stream? Input { get; init; }

    public required Stream Output { get; init; }

    public required Stream Error { get; init; }

    /// <summary>One-line messages from ecsops itself (task started, stopping, lock taken over); null drops them.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Ctrl-C: exec passes it to the command, task mode stops the task (StopTask); a second one gives up waiting.</summary>
    public IInterruptSource? Interrupts { get; init; }
}
