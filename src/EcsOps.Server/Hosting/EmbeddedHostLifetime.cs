namespace EcsOps.Server.Hosting;

/// <summary>Leaves Ctrl-C and SIGTERM to the owner (the <c>ecsops serve</c> command, or a test), which stops the host by disposing it.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
