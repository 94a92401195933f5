namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Finds running sandbox containers and starts processes in them. The exec agent uses it for every
/// session; the task launcher implements it with real local processes.
/// </summary>
public interface IContainerProcessHost
{
    /// <summary>The running container behind an SSM target <c>ecs:&lt;cluster&gt;_&lt;taskId&gt;_&lt;runtimeId&gt;</c>, or null.</summary>
    ContainerContext? FindContainer(string clusterName, string taskId, string runtimeId);

    Task<IContainerProcess> StartProcessAsync(ContainerContext container, ContainerProcessStart start, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once the container has stopped (at once when it is not running). The exec agent lives inside the task,
    /// so every session it serves there ends with the container.
    /// </summary>
    Task WhenStoppedAsync(ContainerContext container);
}
