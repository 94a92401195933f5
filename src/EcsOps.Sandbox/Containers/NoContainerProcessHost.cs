namespace EcsOps.Sandbox.Containers;

/// <summary>The container host of a sandbox that runs no processes: no container is ever found.</summary>
public sealed class NoContainerProcessHost : IContainerProcessHost
{
    public static readonly NoContainerProcessHost Instance = new();

    public ContainerContext? FindContainer(string clusterName, string taskId, string runtimeId) => null;

    public Task<IContainerProcess> StartProcessAsync(ContainerContext container, ContainerProcessStart start, CancellationToken cancellationToken) =>
        throw new ContainerProcessStartException("this sandbox runs no container processes");
}
