using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>The named resource (log group, secret, key…) does not exist.</summary>
public sealed class ResourceNotFoundException : AwsServiceException
{
    public ResourceNotFoundException()
    {
    }

    public ResourceNotFoundException(string message) : base(message)
    {
    }

    public ResourceNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ResourceNotFoundException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
