using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>
/// An error answer from an AWS service: its error code (<c>__type</c> or <c>x-amzn-ErrorType</c>, without namespace),
/// message, HTTP status and request id. Subclasses exist for the codes callers act on.
/// </summary>
public class AwsServiceException : Exception
{
    public AwsServiceException()
    {
        ErrorCode = "Unknown";
    }

    public AwsServiceException(string message) : base(message)
    {
        ErrorCode = "Unknown";
    }

    public AwsServiceException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    public AwsServiceException(
        string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The AWS error code, e.g. <c>ClusterNotFoundException</c>.</summary>
    public string ErrorCode { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>x-amzn-RequestId</c> to quote to AWS support; null when the answer had none.</summary>
    public string? RequestId { get; }

    /// <summary>True when the same request may succeed later (throttling, 5xx, timeouts).</summary>
    public bool IsRetryable => AwsErrorCodes.IsRetryable(ErrorCode, StatusCode);

    /// <summary>True when the service asked us to slow down.</summary>
    public bool IsThrottling => AwsErrorCodes.IsThrottling(ErrorCode, StatusCode);
}
