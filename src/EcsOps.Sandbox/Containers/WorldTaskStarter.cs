namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Launches the world's RUNNING tasks once the server listens (their environment needs the sandbox's port),
/// before <see cref="SandboxHost.StartAsync"/> returns.
/// </summary>
internal sealed class WorldTaskStarter(LocalContainerRuntime runtime) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken) => runtime.StartWorldTasksAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
