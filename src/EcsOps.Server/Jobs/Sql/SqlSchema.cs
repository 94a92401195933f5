namespace EcsOps.Server.Jobs.Sql;

/// <summary>
/// The tables, in SQL both SQLite and PostgreSQL accept. Times are Unix milliseconds and flags 0/1 integers, so the
/// same statements work on both.
/// </summary>
internal static class SqlSchema
{
    public static IEnumerable<string> Statements(SqlDialect dialect) =>
    [
        """
        CREATE TABLE IF NOT EXISTS ecsops_jobs (
            id TEXT PRIMARY KEY,
            runbook TEXT NOT NULL,
            target TEXT NOT NULL,
            parameters TEXT NOT NULL,
            secret_parameters TEXT NOT NULL,
            channel TEXT NOT NULL,
            requester TEXT NOT NULL,
            requester_name TEXT NOT NULL,
            ticket_source TEXT NULL,
            ticket_id TEXT NULL,
            request_digest TEXT NULL,
            approvers TEXT NOT NULL,
            approver TEXT NULL,
            idempotent INTEGER NOT NULL,
            state TEXT NOT NULL,
            exit_code INTEGER NULL,
            error TEXT NULL,
            attempts INTEGER NOT NULL,
            response_url TEXT NULL,
            lease_owner TEXT NULL,
            lease_expires BIGINT NULL,
            created_at BIGINT NOT NULL,
            queued_at BIGINT NULL,
            started_at BIGINT NULL,
            finished_at BIGINT NULL,
            output_truncated INTEGER NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS ecsops_jobs_ticket ON ecsops_jobs (ticket_source, ticket_id)",
        "CREATE INDEX IF NOT EXISTS ecsops_jobs_state ON ecsops_jobs (state, queued_at)",
        "CREATE INDEX IF NOT EXISTS ecsops_jobs_created ON ecsops_jobs (created_at)",
        """
        CREATE TABLE IF NOT EXISTS ecsops_job_output (
            job_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            stream TEXT NOT NULL,
            line TEXT NOT NULL,
            PRIMARY KEY (job_id, seq)
        )
        """,
        $"""
        CREATE TABLE IF NOT EXISTS ecsops_events (
            {dialect.EventIdColumn},
            at BIGINT NOT NULL,
            kind TEXT NOT NULL,
            run_id TEXT NULL,
            channel TEXT NOT NULL,
            actor TEXT NOT NULL,
            runbook TEXT NULL,
            target TEXT NULL,
            detail TEXT NULL,
            exit_code INTEGER NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS ecsops_events_run ON ecsops_events (run_id)",
        """
        CREATE TABLE IF NOT EXISTS ecsops_seen_signatures (
            signature_key TEXT PRIMARY KEY,
            expires_at BIGINT NOT NULL
        )
        """,
    ];
}
