using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Credentials;

public class CachingCredentialsProviderTests
{
    private readonly ManualClock _clock = new();
    private int _fetches;

    private Task<AwsCredentials> FetchAsync(TimeSpan lifetime)
    {
        var n = Interlocked.Increment(ref _fetches);
        return Task.FromResult(new AwsCredentials("ASIA" + n, "secret", "token", _clock.GetUtcNow() + lifetime));
    }

    [Fact]
    public async Task Get_BeforeRefreshWindow_ServesCachedCredentials()
    {
        using var provider = new CachingCredentialsProvider(_ => FetchAsync(TimeSpan.FromHours(1)), _clock);

        var first = await provider.GetCredentialsAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(54));
        var second = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task Get_InsideRefreshWindow_FetchesNewCredentials()
    {
        using var provider = new CachingCredentialsProvider(_ => FetchAsync(TimeSpan.FromHours(1)), _clock);

        var first = await provider.GetCredentialsAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(55));
        var second = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Get_NoExpiration_KeepsCredentialsForGood()
    {
        using var provider = new CachingCredentialsProvider(
            _ => Task.FromResult(new AwsCredentials("AKIA" + Interlocked.Increment(ref _fetches), "s")), _clock);

        await provider.GetCredentialsAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(400));
        await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task Get_ManyConcurrentCallers_FetchOnce()
    {
        var release = new TaskCompletionSource<AwsCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var provider = new CachingCredentialsProvider(_ =>
        {
            Interlocked.Increment(ref _fetches);
            return release.Task;
        }, _clock);

        var callers = Enumerable.Range(0, 16).Select(_ => provider.GetCredentialsAsync(CancellationToken.None).AsTask()).ToList();
        release.SetResult(new AwsCredentials("ASIA1", "s", "t", _clock.GetUtcNow() + TimeSpan.FromHours(1)));
        var results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _fetches);
        Assert.All(results, r => Assert.Equal("ASIA1", r.AccessKeyId));
    }

    [Fact]
    public async Task Invalidate_NextGet_Fetches()
    {
        using var provider = new CachingCredentialsProvider(_ => FetchAsync(TimeSpan.FromHours(1)), _clock);
        await provider.GetCredentialsAsync(CancellationToken.None);

        provider.Invalidate();
        await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(2, _fetches);
        Assert.NotNull(provider.Current);
    }

    [Fact]
    public async Task Get_FetchFails_NothingIsCachedAndNextCallRetries()
    {
        var fail = true;
        using var provider = new CachingCredentialsProvider(_ =>
        {
            Interlocked.Increment(ref _fetches);
            return fail ? Task.FromException<AwsCredentials>(new InvalidOperationException("sts down")) : FetchAsync(TimeSpan.FromHours(1));
        }, _clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());
        fail = false;
        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.NotNull(credentials);
    }
}
