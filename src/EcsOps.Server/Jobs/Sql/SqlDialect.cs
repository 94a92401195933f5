using System.Data.Common;

namespace EcsOps.Server.Jobs.Sql;

/// <summary>The few places where SQLite and PostgreSQL differ for <see cref="SqlJobStore"/>; everything else is shared SQL.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The identity column of the events table.</summary>
    public abstract string EventIdColumn { get; }

    /// <summary>Appended to the claim's inner SELECT so concurrent claimers skip each other's rows.</summary>
    public abstract string SkipLockedClause { get; }

    /// <summary>What the store is, for messages (never the connection string: it may hold a password).</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Settings that must be made outside a transaction before the schema is created.</summary>
    public virtual Task BeforeSchemaAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serializes schema creation between replicas starting at once.</summary>
    public virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}
