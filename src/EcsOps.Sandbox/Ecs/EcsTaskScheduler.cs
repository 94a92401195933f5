using System.Collections.Concurrent;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Sandbox.Ecs;

/// <summary>
/// Moves tasks through their lifecycle in the background: hands new tasks to the <see cref="ITaskLauncher"/>
/// and records them RUNNING (or STOPPED with TaskFailedToStart), and stops tasks through it. Disposing cancels
/// and awaits whatever is still under way.
/// </summary>
public sealed class EcsTaskScheduler(EcsStore store, ITaskLauncher launcher, ILogger<EcsTaskScheduler> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _underWay = new();
    private int _disposed;

    /// <summary>Starts launching a PROVISIONING task; returns at once.</summary>
    public void Launch(EcsScope scope, string clusterName, EcsTask task, TaskDefinition definition) =>
        Track(LaunchAsync(new TaskLaunchRequest(scope, clusterName, task, definition), _stopping.Token));

    /// <summary>
    /// Starts stopping a launched task whose desiredStatus is already STOPPED; returns at once. A task still
    /// PROVISIONING needs no call: its launch sees the desired status and stops it when it completes.
    /// </summary>
    public void Stop(EcsScope scope, string clusterName, EcsTask task, string? reason) =>
        Track(StopAsync(new TaskStopRequest(scope, clusterName, task, reason), _stopping.Token));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_underWay.Keys);
        }
        catch (OperationCanceledException)
        {
            // Launches cut short by shutdown.
        }

        _stopping.Dispose();
    }

    private void Track(Task work)
    {
        _underWay.TryAdd(work, 0);
        _ = work.ContinueWith(done => _underWay.TryRemove(done, out _), TaskScheduler.Default);
    }

    private async Task LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var taskId = TaskIdOf(request.Task);
        TaskLaunchResult launched;
        try
        {
            launched = await launcher.LaunchAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "launching task {TaskArn} failed", request.Task.TaskArn);
            store.Write(request.Scope, region => Replace(region, request.ClusterName, taskId,
                task => EcsTaskFactory.Stopped(task, "TaskFailedToStart", "Task failed to start: " + ex.Message, store.TimeProvider.GetUtcNow())));
            return;
        }

        var stopRequested = store.Write(request.Scope, region =>
        {
            var stopping = false;
            Replace(region, request.ClusterName, taskId, task =>
            {
                stopping = task.DesiredStatus == EcsStatus.Stopped;
                return stopping ? task : EcsTaskFactory.Running(task, launched, store.TimeProvider.GetUtcNow());
            });
            return stopping;
        });
        if (stopRequested)
        {
            // StopTask arrived while the launch was under way: the launcher now has something to stop.
            await StopAsync(new TaskStopRequest(request.Scope, request.ClusterName, request.Task, null), cancellationToken);
        }
    }

    private async Task StopAsync(TaskStopRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await launcher.StopAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "stopping task {TaskArn} failed; recording it stopped anyway", request.Task.TaskArn);
        }

        store.Write(request.Scope, region => Replace(region, request.ClusterName, TaskIdOf(request.Task), task =>
            EcsTaskFactory.Stopped(task, task.StopCode ?? "UserInitiated", task.StoppedReason ?? "Task stopped by user", store.TimeProvider.GetUtcNow())));
    }

    private static bool Replace(EcsRegionState region, string clusterName, string taskId, Func<EcsTask, EcsTask> change)
    {
        if (region.Clusters.TryGetValue(clusterName, out var cluster) && cluster.Tasks.TryGetValue(taskId, out var task)
            && task.LastStatus != EcsStatus.Stopped)
        {
            cluster.Tasks[taskId] = change(task);
            return true;
        }

        return false;
    }

    private static string TaskIdOf(EcsTask task) => task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..];
}
