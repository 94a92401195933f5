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
        // HEAD answers carry no body, so no error code: a 404 there is S3's NotFound.
        var code = !string.IsNullOrEmpty(error.ErrorCode) ? error.ErrorCode
            : error.StatusCode == System.Net.HttpStatusCode.NotFound ? "NotFound" : "Unknown";
        return AwsErrorCodes.ToException(code, error.Message, error.StatusCode, error.RequestId, error);
    }

    /// <summary>
    /// Runs an SDK call: service errors come out as our typed exceptions, an unreachable endpoint as an
    /// <see cref="AwsConnectionException"/> saying "<paramref name="service"/> could not be reached".
    /// </summary>
    public static async Task<T> CallAsync<T>(string service, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (AmazonServiceException error)
        {
            throw Translate(error);
        }
        catch (Exception error) when (error is AmazonClientException or HttpRequestException)
        {
            throw new AwsConnectionException($"{service} could not be reached: {error.Message}", error);
        }
    }
}
