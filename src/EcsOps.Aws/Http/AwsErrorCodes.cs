using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>
/// What AWS error codes mean for a caller: which are throttling, which are worth retrying, and which typed
/// exception stands for them. The lists follow the AWS SDKs' standard retry mode.
/// </summary>
public static class AwsErrorCodes
{
    private static readonly HashSet<string> s_throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> s_transient = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServerException", "ServiceUnavailable", "ServiceUnavailableException", "ServerException", "IDPCommunicationError",
    };

    private static readonly HashSet<HttpStatusCode> s_transientStatus =
    [
        HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>True when the service asked us to slow down.</summary>
    public static bool IsThrottling(string errorCode, HttpStatusCode statusCode) =>
        s_throttling.Contains(errorCode) || statusCode == HttpStatusCode.TooManyRequests;

    /// <summary>True when repeating the same request may succeed.</summary>
    public static bool IsRetryable(string errorCode, HttpStatusCode statusCode) =>
        IsThrottling(errorCode, statusCode) || s_transient.Contains(errorCode) || s_transientStatus.Contains(statusCode);

    /// <summary>The typed exception for an error answer.</summary>
    public static AwsServiceException ToException(
        string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        if (IsThrottling(errorCode, statusCode))
        {
            return new ThrottlingException(errorCode, message, statusCode, requestId, innerException);
        }

        return errorCode switch
        {
            "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "UnauthorizedException"
                => new AccessDeniedException(errorCode, message, statusCode, requestId, innerException),
            "ClusterNotFoundException" => new ClusterNotFoundException(errorCode, message, statusCode, requestId, innerException),
            "ServiceNotFoundException" => new ServiceNotFoundException(errorCode, message, statusCode, requestId, innerException),
            "InvalidParameterException" or "InvalidParameterValueException" or "InvalidParameterValue"
                or "InvalidParameterCombination" or "ValidationException" or "ValidationError"
                => new InvalidParameterException(errorCode, message, statusCode, requestId, innerException),
            "ResourceNotFoundException" or "NotFoundException" or "AccountNotFoundException"
                => new ResourceNotFoundException(errorCode, message, statusCode, requestId, innerException),
            "ExpiredToken" or "ExpiredTokenException" or "RequestExpired"
                => new ExpiredCredentialsException(errorCode, message, statusCode, requestId, innerException),
            "TargetNotConnected" or "TargetNotConnectedException"
                => new TargetNotConnectedException(errorCode, message, statusCode, requestId, innerException),
            _ => new AwsServiceException(errorCode, message, statusCode, requestId, innerException),
        };
    }
}
