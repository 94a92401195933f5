using Amazon.Runtime;

namespace EcsOps.Aws.Http;

/// <summary>
/// Maps errors of AWS SDK clients (STS, SSM, S3) to our typed exceptions, so callers handle one family whichever
/// client made the call.
/// </summary>
public static class SdkErrors
{
    /// <summary>The typed exception for an SDK service error, with the SDK exception as the inner one.</summary>
    public static AwsServiceException Translate(AmazonServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = string.IsNullOrEmpty(error.ErrorCode) ? "Unknown" : error.ErrorCode;
        return AwsErrorCodes.ToException(code, error.Message, error.StatusCode, error.RequestId, error);
    }
}
