using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>ECS: the named cluster does not exist in this account and region.</summary>
public sealed class ClusterNotFoundException : AwsServiceException
{
    public ClusterNotFoundException()
    {
    }

    public ClusterNotFoundException(string message) : base(message)
    {
    }

    public ClusterNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ClusterNotFoundException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
