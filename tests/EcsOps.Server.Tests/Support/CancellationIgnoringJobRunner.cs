using EcsOps.Server.Engine;

namespace EcsOps.Server.Tests.Support;

/// <summary>
/// A faulty runner, for the shutdown tests: once a run starts it ignores cancellation and ends only when
/// <see cref="Release"/> is called, as a runner stuck in a call without a cancellation token would.
/// </summary>
public sealed class CancellationIgnoringJobRunner : IJobRunner
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first run has started.</summary>
    public Task Started => _started.Task;

    public void Release() => _released.TrySetResult();

    public async Task<int> RunAsync(JobRun run, IJobOutput output, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await _released.Task;
        return 0;
    }
}
