using System.Data.Common;
using Npgsql;

namespace EcsOps.Server.Jobs.Sql;

/// <summary>
/// PostgreSQL: several replicas share the queue. Claims skip rows another replica has locked
/// (<c>FOR UPDATE SKIP LOCKED</c>); schema creation takes an advisory lock so replicas starting together do not race.
/// </summary>
internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    /// <summary>An arbitrary constant naming our schema lock among the database's advisory locks.</summary>
    private const long SchemaLockKey = 0x6563736f7073; // "ecsops"

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string EventIdColumn => "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override string SkipLockedClause => " FOR UPDATE SKIP LOCKED";

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
