using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Ecs;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// What the runtime writes into the ECS records of one task as its processes live and die: containers stopping
/// with exit codes, the task stopping because an essential container exited, or failing to start.
/// </summary>
internal sealed class TaskStateRecorder(EcsStore store, TaskLaunchRequest request)
{
    private readonly string _taskId = request.Task.TaskArn[(request.Task.TaskArn.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Completes once the scheduler has recorded the launch (RUNNING), or the task is being stopped anyway,
    /// so that a process exiting at once still leaves a task that was RUNNING before it STOPPED.
    /// </summary>
    public Task WaitUntilLaunchedAsync(CancellationToken cancellationToken) =>
        store.WaitForTaskAsync(request.Scope, request.Task.TaskArn,
            t => t.LastStatus != EcsStatus.Provisioning || t.DesiredStatus == EcsStatus.Stopped, cancellationToken);

    public void ContainerStopped(string containerName, int? exitCode) =>
        Change(task => EcsTaskFactory.ContainerStopped(task, containerName, exitCode));

    /// <summary>Sets desiredStatus STOPPED with the stop code; false when something else is already stopping the task.</summary>
    public bool MarkStopping(string stopCode, string reason)
    {
        var marked = false;
        Change(task =>
        {
            if (task.DesiredStatus == EcsStatus.Stopped)
            {
                return task;
            }

            marked = true;
            return EcsTaskFactory.Stopping(task, stopCode, reason, store.TimeProvider.GetUtcNow());
        });
        return marked;
    }

    /// <summary>Records the task STOPPED with the stop code and reason set by <see cref="MarkStopping"/>.</summary>
    public void MarkStopped() => Change(task =>
        EcsTaskFactory.Stopped(task, task.StopCode ?? "EssentialContainerExited", task.StoppedReason ?? "Essential container in task exited",
            store.TimeProvider.GetUtcNow()));

    public void MarkFailedToStart(string message) => Change(task =>
        EcsTaskFactory.Stopped(task, "TaskFailedToStart", message, store.TimeProvider.GetUtcNow()));

    private void Change(Func<EcsTask, EcsTask> change) => store.Write(request.Scope, region =>
    {
        if (region.Clusters.TryGetValue(request.ClusterName, out var cluster)
            && cluster.Tasks.TryGetValue(_taskId, out var task)
            && task.LastStatus != EcsStatus.Stopped)
        {
            cluster.Tasks[_taskId] = change(task);
        }

        return 0;
    });
}
