using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Credentials;

/// <summary>
/// Keeps the credentials another source produced until shortly before they expire, then fetches new ones. One
/// fetch at a time: concurrent callers during a refresh wait for it instead of starting their own. Credentials
/// without an expiry are kept for good.
/// </summary>
public sealed class CachingCredentialsProvider : IAwsCredentialsProvider, IDisposable
{
    /// <summary>How long before expiry a refresh happens by default; the AWS SDKs use 5 to 15 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<AwsCredentials>> _fetch;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile AwsCredentials? _current;

    public CachingCredentialsProvider(
        Func<CancellationToken, Task<AwsCredentials>> fetch, TimeProvider timeProvider, TimeSpan? refreshBeforeExpiry = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _fetch = fetch;
        _timeProvider = timeProvider;
        _refreshBeforeExpiry = refreshBeforeExpiry ?? DefaultRefreshBeforeExpiry;
    }

    /// <summary>The cached credentials when still fresh, without fetching; null otherwise.</summary>
    public AwsCredentials? Current => _current is { } current && IsFresh(current) ? current : null;

    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (Current is { } fresh)
        {
            return fresh;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (Current is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var fetched = await _fetch(cancellationToken);
            _current = fetched;
            return fetched;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Forgets the cached credentials, e.g. after the service called them expired.</summary>
    public void Invalidate() => _current = null;

    public void Dispose() => _refreshing.Dispose();

    private bool IsFresh(AwsCredentials credentials) =>
        credentials.Expiration is not { } expiration || _timeProvider.GetUtcNow() < expiration - _refreshBeforeExpiry;
}
