using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Runs one argv in a container over its own ECS Exec session, wrapped by <see cref="ExecWrapper"/>, and returns the
/// remote exit status: the exec path shared by commands that are not interactive.
/// </summary>
public sealed class ContainerCommandExecutor(SessionStarter starter, IInterruptSource? interrupts = null)
{
    /// <exception cref="ExecSessionException">The wrapper could not report the command's result.</exception>
    public async Task<int> RunAsync(DiscoveredContainer container, IReadOnlyList<string> argv, ExecStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var wrapped = ExecWrapper.Wrap(argv);
        await using var session = await starter.ExecuteCommandAsync(container, wrapped.Command, cancellationToken);
        return await new WrappedCommandRunner(streams, interrupts).RunAsync(session, wrapped, cancellationToken);
    }
}
