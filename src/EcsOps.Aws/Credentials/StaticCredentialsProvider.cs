using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Credentials;

/// <summary>Always the same credentials: long-term keys, or temporary ones whose refresh is someone else's job.</summary>
public sealed class StaticCredentialsProvider(AwsCredentials credentials) : IAwsCredentialsProvider
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
