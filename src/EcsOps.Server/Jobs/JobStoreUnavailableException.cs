namespace EcsOps.Server.Jobs;

/// <summary>The job store cannot be opened or set up (database unreachable, credentials refused, SQLite library missing).</summary>
public sealed class JobStoreUnavailableException : Exception
{
    public JobStoreUnavailableException()
    {
    }

    public JobStoreUnavailableException(string message) : base(message)
    {
    }

    public JobStoreUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
