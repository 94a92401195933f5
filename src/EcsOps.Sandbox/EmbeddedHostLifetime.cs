namespace EcsOps.Sandbox;

/// <summary>
/// A host lifetime that leaves Ctrl-C and SIGTERM alone: the sandbox runs inside test processes and inside
/// `ecsops`, whose owners decide when it stops by disposing the <see cref="SandboxHost"/>.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
