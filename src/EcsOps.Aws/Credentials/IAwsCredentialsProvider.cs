using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Credentials;

/// <summary>
/// Hands out credentials for signing. Implementations refresh temporary credentials before they expire, so a
/// caller asks again for every request instead of keeping the answer.
/// </summary>
public interface IAwsCredentialsProvider
{
    /// <summary>Credentials valid for at least the next few minutes.</summary>
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
