namespace EcsOps.Runbooks.Running;

/// <summary>
/// Told when a run starts and ends; the audit trail hooks in here. A run starts only after
/// <see cref="RunStartingAsync"/> returned: throwing there refuses the run (audit fails closed) and nothing touches
/// the target. <see cref="RunEndedAsync"/> is called once for every run that started, with its result or its error.
/// </summary>
public interface IRunObserver
{
    /// <summary>After the lock is held, before anything reaches the target.</summary>
    Task RunStartingAsync(RunPlan plan, CancellationToken cancellationToken);

    /// <summary>After the run ended (the lock is still held); <paramref name="error"/> is set when it ended by an exception.</summary>
    Task RunEndedAsync(RunPlan plan, RunResult? result, Exception? error, CancellationToken cancellationToken);
}
