using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Discovery;

[Collection(FleetCollection.Name)]
public class FleetDiscoveryTests(FleetSandbox fleet)
{
    private const int Concurrency = 4;

    [Fact]
    public async Task Discover_TwentyAccountsTwoRegions_AssumesIntoEachAndFindsEveryContainer()
    {
        using var counter = new InFlightCounter();
        using var http = new HttpClient(counter, disposeHandler: false);
        using var workspace = fleet.Workspace(ConfigLoader.Parse(FleetSandbox.Config(Concurrency)), http);

        var result = await workspace.Discovery.DiscoverAsync(TargetSelector.Any, refresh: false, CancellationToken.None);

        Assert.Empty(result.Failures);
        Assert.Equal(FleetSandbox.TeamCount * 2, result.Scopes.Count);
        Assert.Equal(FleetSandbox.TeamCount * 2 * 2, result.Containers.Count);
        Assert.Equal(
            Enumerable.Range(1, FleetSandbox.TeamCount).Select(FleetSandbox.TeamId).Order(),
            result.Containers.Select(c => c.AccountId).Distinct().Order());
        Assert.All(result.Containers, c => Assert.True(c.Readiness.IsReady));
        Assert.InRange(counter.Maximum, 1, Concurrency);
        Assert.Equal(FleetSandbox.TeamCount * 2 * 3, counter.Total);
    }

    [Fact]
    public async Task Resolve_OneTeamOneRegion_ResolvesToThatAccount()
    {
        using var workspace = fleet.Workspace(ConfigLoader.Parse(FleetSandbox.Config(Concurrency)));

        var resolution = await workspace.Resolver.ResolveAsync(
            TargetSelector.Parse("team-07/eu-west-1/main/api/app"), refresh: false, CancellationToken.None);

        var container = Assert.IsType<TargetResolution.Resolved>(resolution).Container;
        Assert.Equal(FleetSandbox.TeamId(7), container.AccountId);
        Assert.Equal("eu-west-1", container.Region);
        Assert.Equal($"arn:aws:ecs:eu-west-1:{FleetSandbox.TeamId(7)}:cluster/main", container.ClusterArn);
    }

    [Fact]
    public async Task Resolve_AccountGlob_IsAmbiguousAcrossAccounts()
    {
        using var workspace = fleet.Workspace(ConfigLoader.Parse(FleetSandbox.Config(Concurrency)));

        var resolution = await workspace.Resolver.ResolveAsync(
            TargetSelector.Parse("team-0?/us-east-1/main/api/app"), refresh: false, CancellationToken.None);

        var ambiguous = Assert.IsType<TargetResolution.Ambiguous>(resolution);
        Assert.Equal(Enumerable.Range(1, 9).Select(FleetSandbox.TeamName), ambiguous.Candidates.Select(c => c.AccountName));
    }
}
