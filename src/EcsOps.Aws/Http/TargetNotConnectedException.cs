using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>SSM or ECS Exec: the target's agent is not connected (TargetNotConnected). The CLI answers with `doctor`.</summary>
public sealed class TargetNotConnectedException : AwsServiceException
{
    public TargetNotConnectedException()
    {
    }

    public TargetNotConnectedException(string message) : base(message)
    {
    }

    public TargetNotConnectedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TargetNotConnectedException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
