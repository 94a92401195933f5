using EcsOps.Aws.Accounts;
using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Discovery;

/// <summary>
/// The cache reads the manual clock; signing reads the system clock (the sandbox checks signatures against its own).
/// Each test starts extra stand-alone tasks in its own cluster's listing, so counts are read before and after.
/// </summary>
[Collection(CacheCollection.Name)]
public sealed class DiscoveryCacheTests(CacheSandbox sandbox) : IDisposable
{
    private static readonly TimeSpan s_ttl = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ecsops-cache-tests-");
    private readonly ManualClock _clock = new();

    public void Dispose() => _directory.Delete(recursive: true);

    private (TargetDiscovery Discovery, IDisposable Lifetime) NewDiscovery(TimeSpan ttl)
    {
        var config = ConfigLoader.Parse("accounts:\n  - { id: \"111111111111\", name: dev, regions: [us-east-1] }\n");
        var factory = TestEnvironment.Factory(sandbox.Host.Endpoint);
        var access = new AccountAccess(factory, sandbox.HubCredentials, "us-east-1", TimeSpan.FromHours(1));
        var inventory = new AccountInventory(config, access, factory, "us-east-1");
        var cache = new DiscoveryCache(_directory.FullName, ttl, _clock);
        return (new TargetDiscovery(inventory, access, factory, cache, new DiscoveryOptions()), new Lifetime(inventory, access, factory));
    }

    private async Task StartStandAloneTaskAsync()
    {
        using var factory = TestEnvironment.Factory(sandbox.Host.Endpoint);
        await factory.CreateEcs("us-east-1", sandbox.HubCredentials).RunTaskAsync(
            new RunTaskRequest
            {
                Cluster = "dev-web",
                TaskDefinition = "migrate:1",
                NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-1"] } },
            },
            CancellationToken.None);
    }

    private static async Task<int> CountAsync(TargetDiscovery discovery, bool refresh = false) =>
        (await discovery.DiscoverAsync(TargetSelector.Parse("dev-web"), refresh, CancellationToken.None)).Containers.Count;

    [Fact]
    public async Task Discover_WithinTtl_ServesTheCachedAnswerAndRefreshBypassesIt()
    {
        var (discovery, lifetime) = NewDiscovery(s_ttl);
        using var _ = lifetime;
        var before = await CountAsync(discovery);
        await StartStandAloneTaskAsync();

        _clock.Advance(s_ttl - TimeSpan.FromSeconds(1));
        var cached = await CountAsync(discovery);
        var refreshed = await CountAsync(discovery, refresh: true);

        Assert.Equal(before, cached);
        Assert.Equal(before + 1, refreshed);
        Assert.Single(_directory.GetFiles("111111111111_us-east-1.json"));
    }

    [Fact]
    public async Task Discover_AtTtl_NeverServesTheStaleAnswer()
    {
        var (discovery, lifetime) = NewDiscovery(s_ttl);
        using var _ = lifetime;
        var before = await CountAsync(discovery);
        await StartStandAloneTaskAsync();

        _clock.Advance(s_ttl);
        var after = await CountAsync(discovery);

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task Discover_CacheSharedAcrossRuns_SecondRunReadsTheFile()
    {
        var (first, firstLifetime) = NewDiscovery(s_ttl);
        var before = await CountAsync(first);
        firstLifetime.Dispose();
        await StartStandAloneTaskAsync();

        var (second, secondLifetime) = NewDiscovery(s_ttl);
        using var _ = secondLifetime;

        Assert.Equal(before, await CountAsync(second));
    }

    [Fact]
    public async Task Discover_CorruptCacheFile_IsIgnored()
    {
        var (discovery, lifetime) = NewDiscovery(s_ttl);
        using var _ = lifetime;
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "111111111111_us-east-1.json"), "{\"version\":1,\"clusters\":");

        var count = await CountAsync(discovery);

        Assert.True(count >= 2);
    }

    [Theory]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"version\":1,\"containers\":null}")]
    [InlineData("{\"version\":2,\"containers\":{}}")]
    [InlineData("[]")]
    public async Task Open_PartialOrForeignFile_CountsAsEmpty(string json)
    {
        var cache = new DiscoveryCache(_directory.FullName, s_ttl, _clock);
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "1_r.json"), json);

        var entry = await cache.OpenAsync("1", "r", CancellationToken.None);

        Assert.False(entry.TryGetClusterArns(out _));
        Assert.False(entry.TryGetContainers("arn", out _));
    }

    [Fact]
    public async Task Discover_ZeroTtl_WritesNothingAndAlwaysAsks()
    {
        var (discovery, lifetime) = NewDiscovery(TimeSpan.Zero);
        using var _ = lifetime;
        var before = await CountAsync(discovery);
        await StartStandAloneTaskAsync();

        var after = await CountAsync(discovery);

        Assert.Equal(before + 1, after);
        Assert.Empty(_directory.GetFiles());
    }

    [Fact]
    public async Task Entry_StampedInTheFuture_IsNotFresh()
    {
        var cache = new DiscoveryCache(_directory.FullName, s_ttl, _clock);
        var entry = await cache.OpenAsync("1", "r", CancellationToken.None);
        entry.SetClusterArns(["arn"]);
        await cache.SaveAsync(entry, CancellationToken.None);

        var behind = new DiscoveryCache(_directory.FullName, s_ttl, new FixedClock(_clock.GetUtcNow() - TimeSpan.FromSeconds(5)));
        var reread = await behind.OpenAsync("1", "r", CancellationToken.None);

        Assert.True((await cache.OpenAsync("1", "r", CancellationToken.None)).TryGetClusterArns(out _));
        Assert.False(reread.TryGetClusterArns(out _));
    }

    [Fact]
    public async Task Open_HostileRegionName_StaysInsideTheDirectory()
    {
        var cache = new DiscoveryCache(_directory.FullName, s_ttl, _clock);
        var entry = await cache.OpenAsync("../../x", "../etc", CancellationToken.None);
        entry.SetClusterArns([]);

        await cache.SaveAsync(entry, CancellationToken.None);

        Assert.Single(_directory.GetFiles());
    }

    [Fact]
    public void DefaultDirectory_XdgCacheHome_IsUsed()
    {
        var environment = new EnvironmentVariables(new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "/tmp/xdg", ["HOME"] = "/home/u" });

        Assert.Equal(Path.Combine("/tmp/xdg", "ecsops", "discovery"), DiscoveryCache.DefaultDirectory(environment));
        Assert.Equal(
            Path.Combine("/home/u", ".cache", "ecsops", "discovery"),
            DiscoveryCache.DefaultDirectory(new EnvironmentVariables(new Dictionary<string, string> { ["HOME"] = "/home/u" })));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Lifetime(params IDisposable[] owned) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }
        }
    }
}
