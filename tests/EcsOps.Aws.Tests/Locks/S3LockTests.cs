using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Aws.Locks;
using EcsOps.Aws.S3;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Locks;

/// <summary>Locks as S3 objects with conditional writes, against the sandbox's S3.</summary>
[Collection(SandboxCollection.Name)]
public sealed class S3LockTests(SandboxFixture sandbox) : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private readonly string _bucket = "locks-" + Guid.NewGuid().ToString("N")[..12];
    private AmazonS3Client _s3 = null!;

    public async Task InitializeAsync()
    {
        using var factory = sandbox.Factory();
        _s3 = factory.CreateS3("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        await _s3.PutBucketAsync(_bucket);
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }

    private S3Lock Lock() => new(_s3, S3Prefix.Parse($"s3://{_bucket}/locks"), _clock);

    private LockRecord Record(string runId, string scope = "db:orders", TimeSpan? lifetime = null) =>
        new(scope, runId, "owner-" + runId, "backup", _clock.GetUtcNow(), _clock.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(10)));

    [Fact]
    public async Task Acquire_FreeScope_SecondRunIsRefusedWithTheHolder()
    {
        var first = await Lock().AcquireAsync(Record("RUN1"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<LockHeldException>(() => Lock().AcquireAsync(Record("RUN2"), CancellationToken.None));

        Assert.Null(first.TakenOverFrom);
        Assert.Equal("RUN1", refused.Holder!.RunId);
        Assert.Equal("owner-RUN1", refused.Holder.Owner);
        Assert.Equal($"s3://{_bucket}/locks/db:orders", refused.Location);
    }

    [Fact]
    public async Task Release_ThenAcquire_TheNextRunGetsIt()
    {
        var first = await Lock().AcquireAsync(Record("RUN1"), CancellationToken.None);

        Assert.True(await first.ReleaseAsync(CancellationToken.None));
        var second = await Lock().AcquireAsync(Record("RUN2"), CancellationToken.None);

        Assert.Null(second.TakenOverFrom);
        Assert.Null(await Lock().PeekAsync("db:other", CancellationToken.None));
        Assert.Equal("RUN2", (await Lock().PeekAsync("db:orders", CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task Acquire_ExpiredLock_TakenOver_AndTheOldHolderCannotReleaseIt()
    {
        var stale = await Lock().AcquireAsync(Record("RUN1", lifetime: TimeSpan.FromMinutes(1)), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var fresh = await Lock().AcquireAsync(Record("RUN2"), CancellationToken.None);
        var oldReleased = await stale.ReleaseAsync(CancellationToken.None);

        Assert.Equal("RUN1", fresh.TakenOverFrom!.RunId);
        Assert.False(oldReleased);
        Assert.Equal("RUN2", (await Lock().PeekAsync("db:orders", CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task Acquire_ManyRunsAtOnceOnAFreeScope_ExactlyOneWins()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => TryAcquireAsync(Record("RUN" + i))));

        Assert.Single(outcomes, o => o is not null);
    }

    [Fact]
    public async Task Acquire_ManyRunsTakingOverOneStaleLock_ExactlyOneWins()
    {
        await Lock().AcquireAsync(Record("STALE", lifetime: TimeSpan.FromSeconds(1)), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => TryAcquireAsync(Record("RUN" + i))));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal("STALE", winner!.TakenOverFrom!.RunId);
    }

    [Fact]
    public async Task Acquire_LockObjectIsNotARecord_RefusedSayingSo()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "locks/db:orders", ContentBody = "not json" });

        var refused = await Assert.ThrowsAsync<LockHeldException>(() => Lock().AcquireAsync(Record("RUN1"), CancellationToken.None));

        Assert.Null(refused.Holder);
        Assert.Contains("not a lock record", refused.Message);
    }

    [Theory]
    [InlineData("db:orders", "p/db:orders")]
    [InlineData("a/b c", "p/a%2Fb%20c")]
    [InlineData("ü", "p/%C3%BC")]
    public void KeyFor_EncodesEverythingButSafeCharacters(string scope, string key)
    {
        Assert.Equal(key, S3Lock.KeyFor(S3Prefix.Parse("s3://bucket/p/"), scope));
    }

    private async Task<S3LockLease?> TryAcquireAsync(LockRecord record)
    {
        try
        {
            return await Lock().AcquireAsync(record, CancellationToken.None);
        }
        catch (LockHeldException)
        {
            return null;
        }
    }
}
