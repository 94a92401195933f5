using Amazon.Runtime;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Credentials;

/// <summary>
/// Presents one of our providers to AWS SDK clients, so that SDK and JSON clients sign with the same (assumed-role,
/// cached) credentials. The SDK's async pipeline calls <see cref="GetCredentialsAsync"/>. The synchronous
/// <see cref="GetCredentials"/> (used only by a few sync helpers such as presigning) answers from the last
/// credentials fetched and fails when there are none yet: EcsOps never blocks on async work.
/// </summary>
public sealed class SdkCredentialsAdapter(IAwsCredentialsProvider provider) : AWSCredentials
{
    private AwsCredentials? _last;

    public override ImmutableCredentials GetCredentials() =>
        _last is { } last
            ? ToImmutable(last)
            : throw new InvalidOperationException("no credentials fetched yet; call an asynchronous SDK operation first");

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);
        _last = credentials;
        return ToImmutable(credentials);
    }

    private static ImmutableCredentials ToImmutable(AwsCredentials credentials) =>
        new(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
}
