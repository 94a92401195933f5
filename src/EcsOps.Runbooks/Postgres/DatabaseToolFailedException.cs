namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// pg_dump or pg_restore ran and exited non-zero (or its session ended without a status). <see cref="ExitStatus"/>
/// is the tool's own status, which the CLI passes through.
/// </summary>
public sealed class DatabaseToolFailedException : Exception
{
    public DatabaseToolFailedException(string message, int? exitStatus, Exception? inner = null)
        : base(message, inner) => ExitStatus = exitStatus;

    public DatabaseToolFailedException()
        : this("the database tool failed", (int?)null)
    {
    }

    public DatabaseToolFailedException(string message)
        : this(message, (int?)null)
    {
    }

    public DatabaseToolFailedException(string message, Exception inner)
        : this(message, null, inner)
    {
    }

    /// <summary>The remote exit status; null when the session ended before reporting one.</summary>
    public int? ExitStatus { get; }
}
