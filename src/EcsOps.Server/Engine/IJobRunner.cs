namespace EcsOps.Server.Engine;

/// <summary>
/// Executes one accepted run with the service's own AWS identity (its credential chain, assuming roles into target
/// accounts); a run never carries credentials from the caller. Output goes to <see cref="IJobOutput"/> line by line.
/// </summary>
public interface IJobRunner
{
    /// <summary>Runs the job and returns its exit code (0 is success).</summary>
    /// <exception cref="OperationCanceledException">The service is stopping or lost the job's lease.</exception>
    /// <exception cref="JobRunnerException">The run could not be carried out (target not found, no exit status…).</exception>
    Task<int> RunAsync(JobRun run, IJobOutput output, CancellationToken cancellationToken);
}
