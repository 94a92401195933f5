namespace EcsOps.Aws.Http;

/// <summary>
/// The endpoint could not be reached or stopped answering (refused, reset, DNS failure, timeout) on every attempt.
/// The message names the endpoint; the inner exception is the last failure.
/// </summary>
public sealed class AwsConnectionException : Exception
{
    public AwsConnectionException()
    {
    }

    public AwsConnectionException(string message) : base(message)
    {
    }

    public AwsConnectionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Always true: a later attempt may reach the endpoint.</summary>
    public bool IsTransient => true;
}
