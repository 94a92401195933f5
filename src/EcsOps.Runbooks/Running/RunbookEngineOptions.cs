using EcsOps.Aws.Tasks;

namespace EcsOps.Runbooks.Running;

/// <summary>How a <see cref="RunbookEngine"/> runs things.</summary>
public sealed record RunbookEngineOptions
{
    public static readonly RunbookEngineOptions Default = new();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public TaskRunnerOptions TaskRunner { get; init; } = TaskRunnerOptions.Default;

    /// <summary>How long a lock outlives the run's timeout, for the stop and clean-up after it.</summary>
    public TimeSpan LockGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Told when runs start and end (audit); null for nobody.</summary>
    public IRunObserver? Observer { get; init; }
}
