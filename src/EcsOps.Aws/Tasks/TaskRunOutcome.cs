using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Tasks;

/// <summary>How a one-off task ended.</summary>
/// <param name="Task">The task as DescribeTasks showed it STOPPED.</param>
/// <param name="ExitCode">The exit code of the container that ran the command; null when it has none (it never ran, or was killed before reporting).</param>
/// <param name="StopReason">Our StopTask reason when we stopped it (interrupt, timeout); null when it ended by itself.</param>
public sealed record TaskRunOutcome(EcsTask Task, int? ExitCode, string? StopReason)
{
    /// <summary>True when we stopped the task.</summary>
    public bool WasStopped => StopReason is not null;
}
