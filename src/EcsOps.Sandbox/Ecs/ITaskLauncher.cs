using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Sandbox.Ecs;

/// <summary>
/// Starts and stops whatever stands behind a sandbox task. RunTask records the task as PROVISIONING and
/// hands it here; when <see cref="LaunchAsync"/> returns, the task becomes RUNNING with the reported runtime ids
/// and ExecuteCommandAgent states. <c>Containers.LocalContainerRuntime</c> runs each container as real local
/// processes; <see cref="NoProcessTaskLauncher"/> runs nothing (tests that need records only).
/// </summary>
public interface ITaskLauncher
{
    /// <summary>
    /// Starts the task's containers, keeping runtime ids the task already has (world tasks seeded RUNNING).
    /// Throwing stops the task with <c>TaskFailedToStart</c>.
    /// </summary>
    Task<TaskLaunchResult> LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken);

    /// <summary>Stops the task's containers (StopTask); returns when they are gone.</summary>
    Task StopAsync(TaskStopRequest request, CancellationToken cancellationToken);
}

/// <summary>A task to start: where it runs, the task as recorded (with overrides), and its definition.</summary>
public sealed record TaskLaunchRequest(EcsScope Scope, string ClusterName, EcsTask Task, TaskDefinition TaskDefinition);

/// <summary>What the launcher started.</summary>
public sealed record TaskLaunchResult(IReadOnlyList<LaunchedContainer> Containers);

/// <summary>One started container: its runtime id and whether its ExecuteCommandAgent is up.</summary>
public sealed record LaunchedContainer(string Name, string RuntimeId, bool ExecuteCommandAgentRunning);

/// <summary>A task to stop.</summary>
public sealed record TaskStopRequest(EcsScope Scope, string ClusterName, EcsTask Task, string? Reason);
