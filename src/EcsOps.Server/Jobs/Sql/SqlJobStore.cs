using System.Text;
using System.Text.Json;
using EcsOps.Server.Audit;
using static EcsOps.Server.Jobs.Sql.JobRows;

namespace EcsOps.Server.Jobs.Sql;

/// <summary>
/// <see cref="IJobStore"/> over SQL shared by SQLite and PostgreSQL. Each state change is a single conditional
/// <c>UPDATE … RETURNING</c>, which is atomic on both; claims add <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL so
/// replicas do not queue behind each other.
/// </summary>
public sealed class SqlJobStore : IJobStore
{
    /// <summary>Lines per INSERT when appending output.</summary>
    private const int OutputBatch = 100;

    private readonly SqlDialect _dialect;
    private readonly SqlCommands _sql;

    private SqlJobStore(SqlDialect dialect)
    {
        _dialect = dialect;
        _sql = new SqlCommands(dialect);
    }

    /// <summary>A store in a SQLite file (created with its directory when missing).</summary>
    public static SqlJobStore Sqlite(string path) => new(new SqliteDialect(path));

    /// <summary>A store in a PostgreSQL database (Npgsql connection string).</summary>
    public static SqlJobStore Postgres(string connectionString) => new(new PostgresDialect(connectionString));

    /// <summary>What and where the store is, without credentials.</summary>
    public string Description => _dialect.Description;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await _dialect.BeforeSchemaAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await _dialect.LockSchemaAsync(connection, transaction, cancellationToken);
        foreach (var statement in SqlSchema.Statements(_dialect))
        {
            await using var command = SqlCommands.Create(connection, transaction, statement);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<JobCreation> CreateAsync(JobSpec job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var inserted = await _sql.ExecuteAsync(
            $"""
            INSERT INTO ecsops_jobs ({JobColumns})
            VALUES (@id, @runbook, @target, @parameters, @channel, @requester, @requester_name, @ticket_source, @ticket_id, @digest, @approvers,
                    @approver, @idempotent, @state, NULL, NULL, 0, @response_url, NULL, NULL, @now, @queued_at, NULL, NULL, 0, @secrets)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            ("@id", job.Id), ("@runbook", job.Runbook), ("@target", job.Target),
            ("@parameters", JsonSerializer.Serialize(new Dictionary<string, string>(job.Parameters), StoreJsonContext.Default.DictionaryStringString)),
            ("@channel", job.Channel), ("@requester", job.Requester), ("@requester_name", job.RequesterName),
            ("@ticket_source", job.TicketSource), ("@ticket_id", job.TicketId), ("@digest", job.RequestDigest),
            ("@approvers", JsonSerializer.Serialize(job.Approvers.ToList(), StoreJsonContext.Default.ListString)),
            ("@approver", job.Approver), ("@idempotent", job.Idempotent ? 1 : 0), ("@state", job.State.Name()),
            ("@response_url", job.ResponseUrl), ("@now", Millis(now)),
            ("@queued_at", job.State == JobState.Queued ? Millis(now) : null),
            ("@secrets", JsonSerializer.Serialize(job.SecretParameters.ToList(), StoreJsonContext.Default.ListString)));
        if (inserted == 1)
        {
            return new JobCreation(await GetAsync(job.Id, cancellationToken) ?? throw Vanished(job.Id), Created: true);
        }

        // Nothing inserted: the ticket was used before (the id is random and never repeats).
        var existing = job is { TicketSource: { } source, TicketId: { } ticket }
            ? await FindByTicketAsync(source, ticket, cancellationToken)
            : null;
        return existing is not null
            ? new JobCreation(existing, Created: false)
            : throw new InvalidOperationException($"run {job.Id} could not be stored and no run holds its ticket");
    }

    public async Task<Job?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _sql.QueryAsync($"SELECT {JobColumns} FROM ecsops_jobs WHERE id = @id", ReadJob, cancellationToken, ("@id", id))).SingleOrDefault();

    public async Task<Job?> FindByTicketAsync(string source, string ticketId, CancellationToken cancellationToken) =>
        (await _sql.QueryAsync(
            $"SELECT {JobColumns} FROM ecsops_jobs WHERE ticket_source = @source AND ticket_id = @ticket",
            ReadJob, cancellationToken, ("@source", source), ("@ticket", ticketId))).SingleOrDefault();

    public async Task<IReadOnlyList<Job>> ListAsync(int limit, CancellationToken cancellationToken) =>
        await _sql.QueryAsync(
            $"SELECT {JobColumns} FROM ecsops_jobs ORDER BY created_at DESC, id DESC LIMIT @limit", ReadJob, cancellationToken, ("@limit", limit));

    public async Task<Job?> DecideAsync(string id, string approver, bool approved, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await _sql.QueryAsync(
            $"""
            UPDATE ecsops_jobs
            SET state = @state, approver = @approver,
                queued_at = CASE WHEN @approved = 1 THEN @now ELSE queued_at END,
                finished_at = CASE WHEN @approved = 1 THEN finished_at ELSE @now END
            WHERE id = @id AND state = 'pending-approval'
            RETURNING {JobColumns}
            """,
            ReadJob, cancellationToken,
            ("@id", id), ("@approver", approver), ("@approved", approved ? 1 : 0), ("@now", Millis(now)),
            ("@state", (approved ? JobState.Queued : JobState.Denied).Name()))).SingleOrDefault();

    public async Task<Job?> ClaimNextAsync(string owner, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await _sql.QueryAsync(
            $"""
            UPDATE ecsops_jobs
            SET state = 'running', lease_owner = @owner, lease_expires = @lease, started_at = @now, attempts = attempts + 1
            WHERE state = 'queued' AND id = (
                SELECT id FROM ecsops_jobs WHERE state = 'queued' ORDER BY queued_at, id LIMIT 1{_dialect.SkipLockedClause})
            RETURNING {JobColumns}
            """,
            ReadJob, cancellationToken, ("@owner", owner), ("@lease", Millis(leaseUntil)), ("@now", Millis(now)))).SingleOrDefault();

    public async Task<bool> RenewLeaseAsync(string id, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await _sql.ExecuteAsync(
            "UPDATE ecsops_jobs SET lease_expires = @lease WHERE id = @id AND state = 'running' AND lease_owner = @owner",
            cancellationToken, ("@id", id), ("@owner", owner), ("@lease", Millis(leaseUntil))) == 1;

    public async Task<Job?> ReleaseAsync(
        string id, string owner, JobState state, int? exitCode, string? error, bool outputTruncated, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is not (JobState.Succeeded or JobState.Failed or JobState.Interrupted or JobState.Queued))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "a claimed run ends succeeded, failed, interrupted, or queued again");
        }

        var final = state != JobState.Queued;
        return (await _sql.QueryAsync(
            $"""
            UPDATE ecsops_jobs
            SET state = @state, exit_code = @exit_code, error = @error, output_truncated = @truncated, lease_owner = NULL, lease_expires = NULL,
                finished_at = CASE WHEN @final = 1 THEN @now ELSE finished_at END,
                queued_at = CASE WHEN @final = 1 THEN queued_at ELSE @now END
            WHERE id = @id AND state = 'running' AND lease_owner = @owner
            RETURNING {JobColumns}
            """,
            ReadJob, cancellationToken,
            ("@id", id), ("@owner", owner), ("@state", state.Name()), ("@exit_code", exitCode), ("@error", error),
            ("@truncated", outputTruncated ? 1 : 0), ("@final", final ? 1 : 0), ("@now", Millis(now)))).SingleOrDefault();
    }

    public async Task<bool> UnclaimAsync(string id, string owner, CancellationToken cancellationToken) =>
        await _sql.ExecuteAsync(
            """
            UPDATE ecsops_jobs
            SET state = 'queued', lease_owner = NULL, lease_expires = NULL, attempts = attempts - 1,
                started_at = CASE WHEN attempts = 1 THEN NULL ELSE started_at END
            WHERE id = @id AND state = 'running' AND lease_owner = @owner
            """,
            cancellationToken, ("@id", id), ("@owner", owner)) == 1;

    public async Task<IReadOnlyList<Job>> RecoverExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await _sql.QueryAsync(
            $"""
            UPDATE ecsops_jobs
            SET state = CASE WHEN idempotent = 1 THEN 'queued' ELSE 'interrupted' END,
                error = CASE WHEN idempotent = 1 THEN error ELSE @error END,
                finished_at = CASE WHEN idempotent = 1 THEN finished_at ELSE @now END,
                queued_at = CASE WHEN idempotent = 1 THEN @now ELSE queued_at END,
                lease_owner = NULL, lease_expires = NULL
            WHERE state = 'running' AND lease_expires < @now
            RETURNING {JobColumns}
            """,
            ReadJob, cancellationToken,
            ("@now", Millis(now)),
            ("@error", "the service replica running it stopped without finishing it (its lease expired); it was not run again"));

    public async Task<IReadOnlyList<Job>> ExpireApprovalsAsync(DateTimeOffset requestedBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        await _sql.QueryAsync(
            $"""
            UPDATE ecsops_jobs SET state = 'expired', finished_at = @now, error = 'nobody approved it in time'
            WHERE state = 'pending-approval' AND created_at < @before
            RETURNING {JobColumns}
            """,
            ReadJob, cancellationToken, ("@now", Millis(now)), ("@before", Millis(requestedBefore)));

    public async Task AppendOutputAsync(string id, IReadOnlyList<OutputLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var batch in lines.Chunk(OutputBatch))
        {
            var sql = new StringBuilder("INSERT INTO ecsops_job_output (job_id, seq, stream, line) VALUES ");
            var parameters = new List<(string, object?)> { ("@id", id) };
            for (var i = 0; i < batch.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@id, @s{i}, @k{i}, @l{i})");
                parameters.Add(($"@s{i}", batch[i].Sequence));
                parameters.Add(($"@k{i}", batch[i].Stream.ToString()));
                parameters.Add(($"@l{i}", batch[i].Text));
            }

            await using var command = SqlCommands.Create(connection, transaction, sql.ToString(), [.. parameters]);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutputLine>> GetOutputAsync(string id, int? lastLines, CancellationToken cancellationToken)
    {
        if (lastLines is not { } count)
        {
            return await _sql.QueryAsync(
                "SELECT seq, stream, line FROM ecsops_job_output WHERE job_id = @id ORDER BY seq", ReadOutput, cancellationToken, ("@id", id));
        }

        var newestFirst = await _sql.QueryAsync(
            "SELECT seq, stream, line FROM ecsops_job_output WHERE job_id = @id ORDER BY seq DESC LIMIT @count",
            ReadOutput, cancellationToken, ("@id", id), ("@count", count));
        newestFirst.Reverse();
        return newestFirst;
    }

    public async Task AppendEventAsync(ServerAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await _sql.ExecuteAsync(
            $"INSERT INTO ecsops_events ({EventColumns}) VALUES (@at, @kind, @run_id, @channel, @actor, @runbook, @target, @detail, @exit_code)",
            cancellationToken,
            ("@at", Millis(auditEvent.At)), ("@kind", auditEvent.Kind), ("@run_id", auditEvent.RunId), ("@channel", auditEvent.Channel),
            ("@actor", auditEvent.Actor), ("@runbook", auditEvent.Runbook), ("@target", auditEvent.Target), ("@detail", auditEvent.Detail),
            ("@exit_code", auditEvent.ExitCode));
    }

    public async Task<IReadOnlyList<ServerAuditEvent>> ListEventsAsync(string? runId, int limit, CancellationToken cancellationToken) =>
        runId is null
            ? await _sql.QueryAsync($"SELECT {EventColumns} FROM ecsops_events ORDER BY id DESC LIMIT @limit", ReadEvent, cancellationToken, ("@limit", limit))
            : await _sql.QueryAsync(
                $"SELECT {EventColumns} FROM ecsops_events WHERE run_id = @run ORDER BY id LIMIT @limit",
                ReadEvent, cancellationToken, ("@run", runId), ("@limit", limit));

    public async Task<bool> RememberSignatureAsync(string key, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellationToken) =>
        await _sql.ExecuteAsync(
            """
            INSERT INTO ecsops_seen_signatures (signature_key, expires_at) VALUES (@key, @expires)
            ON CONFLICT (signature_key) DO UPDATE SET expires_at = @expires WHERE ecsops_seen_signatures.expires_at < @now
            """,
            cancellationToken, ("@key", key), ("@expires", Millis(expires)), ("@now", Millis(now))) == 1;

    /// <summary>Forgets signatures whose window has passed (a replay of them is refused as stale anyway).</summary>
    public Task PurgeSignaturesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _sql.ExecuteAsync("DELETE FROM ecsops_seen_signatures WHERE expires_at < @now", cancellationToken, ("@now", Millis(now)));

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    private static InvalidOperationException Vanished(string id) => new($"run {id} was stored but cannot be read back");
}
