using EcsOps.Aws.Http;

namespace EcsOps.Aws.Artifacts;

/// <summary>
/// Runs one S3 SDK call through <see cref="SdkErrors.CallAsync"/> (typed AWS errors, <see cref="AwsConnectionException"/>)
/// with messages that say what we were doing, and a body stream that broke as an <see cref="ArtifactTransferException"/>.
/// </summary>
internal static class ArtifactCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string doing)
    {
        try
        {
            return await SdkErrors.CallAsync("S3", call);
        }
        catch (AwsServiceException error)
        {
            throw AwsErrorCodes.ToException(error.ErrorCode, $"{doing}: {error.Message}", error.StatusCode, error.RequestId, error.InnerException);
        }
        catch (AwsConnectionException error)
        {
            throw new AwsConnectionException($"{doing}: {error.Message}", error.InnerException ?? error);
        }
        catch (IOException error)
        {
            // Not an IOException to our callers: the exec runner reads those from its output as a reader that went away.
            throw new ArtifactTransferException($"{doing}: {error.Message}", error);
        }
    }
}
