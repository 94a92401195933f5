using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Runs one argv in a container over its own ECS Exec session, wrapped by <see cref="ExecWrapper"/>, and returns the
/// remote exit status: the exec path of commands that are not interactive. With an audited run, each session carries
/// the run's marker, and its id and byte counts are noted on the run.
/// </summary>
public sealed class ContainerCommandExecutor(SessionStarter starter, IInterruptSource? interrupts = null, AuditedRun? audit = null)
{
    /// <exception cref="ExecSessionException">The wrapper could not report the command's result.</exception>
    public async Task<int> RunAsync(DiscoveredContainer container, IReadOnlyList<string> argv, ExecStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var wrapped = ExecWrapper.Wrap(argv);
        if (audit is not null)
        {
            wrapped = wrapped.WithMarker(audit.StartedBy);
        }

        await using var session = await starter.ExecuteCommandAsync(container, wrapped.Command, cancellationToken);
        audit?.AddSession(session.SessionId);
        var runner = new WrappedCommandRunner(streams, interrupts);
        try
        {
            return await runner.RunAsync(session, wrapped, cancellationToken);
        }
        finally
        {
            audit?.AddBytes(runner.BytesIn, runner.BytesOut);
        }
    }
}
