using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>ECS: the named service does not exist in the cluster.</summary>
public sealed class ServiceNotFoundException : AwsServiceException
{
    public ServiceNotFoundException()
    {
    }

    public ServiceNotFoundException(string message) : base(message)
    {
    }

    public ServiceNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ServiceNotFoundException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
