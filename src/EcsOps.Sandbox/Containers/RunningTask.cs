using EcsOps.Sandbox.Ecs;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Supervises the containers of one launched task the way ECS does: when an essential container's main process
/// exits, the task stops (stopCode EssentialContainerExited, "Essential container in task exited") and the other
/// containers are stopped; on StopTask every container gets SIGTERM, then SIGKILL after the stop timeout. Each
/// container's exit code is recorded as it stops.
/// </summary>
internal sealed class RunningTask
{
    public const string EssentialContainerExited = "EssentialContainerExited";
    public const string EssentialContainerExitedReason = "Essential container in task exited";

    private readonly TaskStateRecorder _recorder;
    private readonly TimeSpan _stopTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _lifetime;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunningTask(
        TaskLaunchRequest request,
        IReadOnlyList<RunningContainer> containers,
        TaskRoleGrant? taskRole,
        TaskStateRecorder recorder,
        TimeSpan stopTimeout,
        TimeProvider timeProvider,
        CancellationToken lifetime)
    {
        Request = request;
        Containers = containers;
        TaskRole = taskRole;
        _recorder = recorder;
        _stopTimeout = stopTimeout;
        _timeProvider = timeProvider;
        _lifetime = lifetime;
        Finished = SuperviseAsync();
    }

    public TaskLaunchRequest Request { get; }
    public IReadOnlyList<RunningContainer> Containers { get; }
    public TaskRoleGrant? TaskRole { get; }

    /// <summary>Completes when every container has stopped and the task's records say so.</summary>
    public Task Finished { get; }

    /// <summary>Stops the task's containers (StopTask); the caller records the task STOPPED afterwards.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopRequested.TrySetResult();
        await Finished.WaitAsync(cancellationToken);
    }

    private async Task SuperviseAsync()
    {
        var recorded = Containers.Select(RecordWhenStoppedAsync).ToList();
        var essentialExits = Containers.Where(c => c.Essential && c.HasMainProcess).Select(c => c.MainExited).ToList();
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        var lifetimeEnded = Task.Delay(Timeout.InfiniteTimeSpan, _timeProvider, watch.Token);
        var reasons = new List<Task>(essentialExits) { _stopRequested.Task, lifetimeEnded };
        await Task.WhenAny(reasons);

        var stoppingForEssentialExit = false;
        if (!_stopRequested.Task.IsCompleted && !_lifetime.IsCancellationRequested)
        {
            try
            {
                await _recorder.WaitUntilLaunchedAsync(_lifetime);
                stoppingForEssentialExit = _recorder.MarkStopping(EssentialContainerExited, EssentialContainerExitedReason);
            }
            catch (OperationCanceledException)
            {
                // The sandbox is shutting down.
            }
        }

        await StopContainersAsync(immediately: _lifetime.IsCancellationRequested);
        try
        {
            await Task.WhenAll(recorded);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (stoppingForEssentialExit)
        {
            _recorder.MarkStopped();
        }
    }

    private async Task StopContainersAsync(bool immediately)
    {
        var allStopped = Task.WhenAll(Containers.Select(c => c.Stopped));
        if (!immediately)
        {
            foreach (var container in Containers)
            {
                container.Terminate();
            }

            using var graceOver = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(graceOver.Token, _lifetime);
            var grace = Task.Delay(_stopTimeout, _timeProvider, linked.Token);
            var first = await Task.WhenAny(allStopped, grace);
            await graceOver.CancelAsync();
            if (first == allStopped)
            {
                return;
            }
        }

        foreach (var container in Containers)
        {
            container.Kill();
        }

        await allStopped;
    }

    private async Task RecordWhenStoppedAsync(RunningContainer container)
    {
        var exitCode = await container.Stopped;
        await _recorder.WaitUntilLaunchedAsync(_lifetime);
        _recorder.ContainerStopped(container.Context.ContainerName, exitCode);
    }
}
