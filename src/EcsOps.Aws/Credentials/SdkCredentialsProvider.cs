using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Credentials;

/// <summary>
/// Credentials from the AWS SDK's standard chain, in the SDK's order: environment variables, the shared
/// credentials and config files (static keys, <c>credential_process</c>, SSO and assume-role profiles),
/// web identity, container credentials (<c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> or <c>…_RELATIVE_URI</c>, as in
/// CloudShell and ECS tasks) and EC2 instance metadata. The SDK refreshes temporary credentials itself; this
/// provider converts them to <see cref="AwsCredentials"/> and caches them until shortly before they expire.
/// </summary>
public sealed class SdkCredentialsProvider : IAwsCredentialsProvider, IDisposable
{
    private readonly Func<CancellationToken, Task<AWSCredentials>> _resolve;
    private readonly CachingCredentialsProvider _cache;
    private readonly SemaphoreSlim _resolving = new(1, 1);
    private AWSCredentials? _source;

    /// <summary>The default chain; <paramref name="profileName"/> selects a profile instead of AWS_PROFILE/default.</summary>
    public SdkCredentialsProvider(string? profileName, TimeProvider timeProvider)
        : this(ct => ResolveChainAsync(profileName, ct), timeProvider)
    {
    }

    /// <summary>Credentials from an SDK credentials object (any of the SDK's providers).</summary>
    public SdkCredentialsProvider(AWSCredentials source, TimeProvider timeProvider)
        : this(_ => Task.FromResult(source), timeProvider)
    {
    }

    private SdkCredentialsProvider(Func<CancellationToken, Task<AWSCredentials>> resolve, TimeProvider timeProvider)
    {
        _resolve = resolve;
        _cache = new CachingCredentialsProvider(FetchAsync, timeProvider);
    }

    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        _cache.GetCredentialsAsync(cancellationToken);

    public void Dispose()
    {
        _cache.Dispose();
        _resolving.Dispose();
    }

    private static async Task<AWSCredentials> ResolveChainAsync(string? profileName, CancellationToken cancellationToken)
    {
        // The resolver reads the profile from a client config; any service's config object carries it.
        var config = profileName is null ? null : new AmazonSecurityTokenServiceConfig { Profile = new Amazon.Profile(profileName) };
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        return await resolver.ResolveIdentityAsync(config, cancellationToken);
    }

    private async Task<AwsCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        var source = await SourceAsync(cancellationToken);
        var immutable = await source.GetCredentialsAsync().WaitAsync(cancellationToken);
        DateTimeOffset? expiration = source.Expiration is { } expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires, expires.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : expires.Kind))
            : null;
        return new AwsCredentials(
            immutable.AccessKey, immutable.SecretKey, immutable.UseToken ? immutable.Token : null, expiration);
    }

    private async Task<AWSCredentials> SourceAsync(CancellationToken cancellationToken)
    {
        if (_source is { } known)
        {
            return known;
        }

        await _resolving.WaitAsync(cancellationToken);
        try
        {
            return _source ??= await _resolve(cancellationToken);
        }
        finally
        {
            _resolving.Release();
        }
    }
}
