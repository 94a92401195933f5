using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Ecs;

/// <summary>
/// All ECS state of the sandbox, per account and region, seeded from the world. One lock guards everything:
/// the sandbox serves a handful of clients, and a single lock keeps every read a consistent snapshot.
/// </summary>
public sealed class EcsStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EcsScope, EcsRegionState> _regions = [];
    private readonly List<TaskWaiter> _waiters = [];

    public EcsStore(WorldDefinition world, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(world);
        TimeProvider = timeProvider;
        foreach (var region in EcsWorldSeeder.Seed(world, timeProvider.GetUtcNow()))
        {
            _regions[region.Scope] = region;
        }
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Runs <paramref name="read"/> on a consistent view of one account's region.</summary>
    public T Read<T>(EcsScope scope, Func<EcsRegionState, T> read)
    {
        lock (_gate)
        {
            return read(RegionOf(scope));
        }
    }

    /// <summary>Runs <paramref name="write"/> under the lock, then wakes waiters whose task condition now holds.</summary>
    public T Write<T>(EcsScope scope, Func<EcsRegionState, T> write)
    {
        lock (_gate)
        {
            var result = write(RegionOf(scope));
            WakeWaiters();
            return result;
        }
    }

    /// <summary>Completes when the task reaches a state satisfying <paramref name="condition"/>.</summary>
    public Task<EcsTask> WaitForTaskAsync(EcsScope scope, string taskArn, Func<EcsTask, bool> condition, CancellationToken cancellationToken)
    {
        var waiter = new TaskWaiter(scope, taskArn, condition);
        lock (_gate)
        {
            var found = RegionOf(scope).FindTask(taskArn);
            if (found is { Task: var task } && condition(task))
            {
                return Task.FromResult(task);
            }

            _waiters.Add(waiter);
        }

        // Registered outside the lock: an already-cancelled token runs the callback synchronously.
        var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        _ = waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return waiter.Completion.Task;
    }

    /// <summary>Every task RUNNING and meant to stay so, in every account and region, as a launcher needs it.</summary>
    public IReadOnlyList<TaskLaunchRequest> RunningTasks()
    {
        lock (_gate)
        {
            return [.. from region in _regions.Values
                       from cluster in region.Clusters.Values
                       from task in cluster.Tasks.Values
                       where task.LastStatus == EcsStatus.Running && task.DesiredStatus == EcsStatus.Running
                       let definition = task.TaskDefinitionArn is null ? null : region.FindTaskDefinition(task.TaskDefinitionArn)
                       where definition is not null
                       orderby task.TaskArn
                       select new TaskLaunchRequest(region.Scope, cluster.Model.ClusterName, task, definition)];
        }
    }

    private EcsRegionState RegionOf(EcsScope scope)
    {
        if (!_regions.TryGetValue(scope, out var region))
        {
            region = new EcsRegionState(scope);
            _regions[scope] = region;
        }

        return region;
    }

    private void WakeWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            if (_regions.TryGetValue(waiter.Scope, out var region)
                && region.FindTask(waiter.TaskArn) is { Task: var task }
                && waiter.Condition(task))
            {
                _waiters.RemoveAt(i);
                waiter.Completion.TrySetResult(task);
            }
        }
    }

    private sealed record TaskWaiter(EcsScope Scope, string TaskArn, Func<EcsTask, bool> Condition)
    {
        public TaskCompletionSource<EcsTask> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
