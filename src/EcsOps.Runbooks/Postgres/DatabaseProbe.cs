using EcsOps.Aws.Discovery;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// A short exec before a backup or restore: which of pg_dump, pg_restore and psql the container has, and, through
/// psql, the database's name and size. It changes nothing, so it also serves <c>--dry-run</c>.
/// </summary>
public sealed class DatabaseProbe(ContainerCommandExecutor executor)
{
    /// <summary>The probe prints a few lines; more is not ours.</summary>
    private const int MaxOutputBytes = 64 * 1024;

    /// <exception cref="DatabaseConnectionException">The connection variable is not set in the container.</exception>
    /// <exception cref="ExecSessionException">The exec session could not report a result.</exception>
    public async Task<DatabaseFacts> RunAsync(DiscoveredContainer container, PostgresConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(connection);
        var output = new TailStream(MaxOutputBytes);
        var errors = new TailStream();
        using var input = new MemoryStream(connection.StdinPreamble(), writable: false);
        var status = await executor.RunAsync(container, PostgresScripts.Probe(connection), new ExecStreams(input, output, errors), cancellationToken);
        DatabaseFailures.ThrowIfSetupFailed(status, errors.Text, container);
        if (status != 0)
        {
            throw new DatabaseConnectionException(
                $"the database probe in {container.Path} failed (exit {status}): {DatabaseFacts.LastLine(errors.Text) ?? "no message"}");
        }

        return DatabaseFacts.Parse(output.Text, errors.Text);
    }
}
