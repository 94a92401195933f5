namespace EcsOps.Runbooks.Running;

/// <summary>
/// A run that ecsops could not carry out: its target cannot be found or used, the command cannot be delivered (too
/// long, no staging place), the task failed to start. One line; the CLI exits 255 for it, as for its own failures.
/// </summary>
public sealed class RunException : Exception
{
    public RunException()
    {
    }

    public RunException(string message) : base(message)
    {
    }

    public RunException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
