namespace EcsOps.Server.Hosting;

/// <summary>
/// <see cref="ServerHost.StopAsync"/> could not stop the service in order: runs were still going after they were told
/// to stop, or stopping the web server, the workers or the job store failed.
/// </summary>
public sealed class ServerShutdownException : Exception
{
    public ServerShutdownException()
    {
    }

    public ServerShutdownException(string message) : base(message)
    {
    }

    public ServerShutdownException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
