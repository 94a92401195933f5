using Amazon.Runtime;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Artifacts;

/// <summary>
/// Runs one S3 SDK call and turns its failures into our families: an AWS answer into the typed
/// <see cref="AwsServiceException"/>s (as <see cref="SdkErrors"/> does), an unreachable endpoint into
/// <see cref="AwsConnectionException"/>, each message saying what we were doing.
/// </summary>
internal static class ArtifactCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string doing)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException error)
        {
            // HEAD answers carry no body, so no error code: a 404 there is S3's NotFound.
            var code = !string.IsNullOrEmpty(error.ErrorCode) ? error.ErrorCode
                : error.StatusCode == System.Net.HttpStatusCode.NotFound ? "NotFound" : "Unknown";
            throw AwsErrorCodes.ToException(code, $"{doing}: {error.Message}", error.StatusCode, error.RequestId, error);
        }
        catch (AmazonClientException error)
        {
            throw new AwsConnectionException($"{doing}: S3 could not be reached: {error.Message}", error);
        }
        catch (HttpRequestException error)
        {
            throw new AwsConnectionException($"{doing}: S3 could not be reached: {error.Message}", error);
        }
        catch (IOException error)
        {
            // A body stream that broke mid-request; not an IOException to our callers (see ArtifactTransferException).
            throw new ArtifactTransferException($"{doing}: {error.Message}", error);
        }
    }
}
