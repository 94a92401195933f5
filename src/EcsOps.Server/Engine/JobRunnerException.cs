namespace EcsOps.Server.Engine;

/// <summary>A run that could not be carried out; the message is one line for the run's record and for Slack.</summary>
public sealed class JobRunnerException : Exception
{
    public JobRunnerException()
    {
    }

    public JobRunnerException(string message) : base(message)
    {
    }

    public JobRunnerException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
