namespace EcsOps.Runbooks.Postgres;

/// <summary>The container lacks pg_dump, pg_restore or psql (or the tools the exec wrapper needs).</summary>
public sealed class DatabaseToolMissingException : Exception
{
    public DatabaseToolMissingException()
        : this("database tool missing")
    {
    }

    public DatabaseToolMissingException(string message)
        : base(message)
    {
    }

    public DatabaseToolMissingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
