using System.Security.Cryptography;

namespace EcsOps.Sandbox.Ecs;

/// <summary>
/// The placeholder launcher: starts nothing, reports every container running with a fresh runtime id, and
/// the ExecuteCommandAgent running when the task has ECS Exec enabled. Tasks it "runs" can be listed,
/// described and stopped, but a session to them has no process at the other end yet.
/// </summary>
public sealed class NoProcessTaskLauncher : ITaskLauncher
{
    public Task<TaskLaunchResult> LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var taskId = request.Task.TaskArn[(request.Task.TaskArn.LastIndexOf('/') + 1)..];
        var containers = request.TaskDefinition.ContainerDefinitions
            .Select(c => new LaunchedContainer(
                c.Name,
                $"{taskId}-{RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue)}",
                request.Task.EnableExecuteCommand))
            .ToList();
        return Task.FromResult(new TaskLaunchResult(containers));
    }

    public Task StopAsync(TaskStopRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
}
