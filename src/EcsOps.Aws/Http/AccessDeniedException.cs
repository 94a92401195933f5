using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>The caller's credentials lack permission (AccessDenied, AccessDeniedException, UnauthorizedOperation).</summary>
public sealed class AccessDeniedException : AwsServiceException
{
    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message) : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public AccessDeniedException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
