namespace EcsOps.Runbooks.Postgres;

/// <summary>The connection cannot be set up: the container has no such variable, or the database refused the probe.</summary>
public sealed class DatabaseConnectionException : Exception
{
    public DatabaseConnectionException()
        : this("database connection")
    {
    }

    public DatabaseConnectionException(string message)
        : base(message)
    {
    }

    public DatabaseConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
