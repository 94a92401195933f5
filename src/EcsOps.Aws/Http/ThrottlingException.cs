using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>The service is throttling requests (Throttling, ThrottlingException, TooManyRequestsException, …); retried with back-off.</summary>
public sealed class ThrottlingException : AwsServiceException
{
    public ThrottlingException()
    {
    }

    public ThrottlingException(string message) : base(message)
    {
    }

    public ThrottlingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ThrottlingException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
