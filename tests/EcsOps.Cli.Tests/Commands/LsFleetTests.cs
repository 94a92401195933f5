using System.Text.Json;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox;
using EcsOps.Sandbox.World;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops ls` over a fleet: a static inventory of many accounts, each reached through its role, in two regions.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class LsFleetTests
{
    private const int Accounts = 20;
    private static readonly string[] s_regions = ["us-east-1", "eu-west-1"];

    [Fact]
    public async Task Ls_TwentyAccountsInTwoRegions_FindsEveryContainerWithItsAccountAndRegion()
    {
        var worldFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(worldFile, FleetWorld.Yaml(Accounts, s_regions));
        var fleet = new CliSandboxFixture
        {
            Options = new SandboxOptions { WorldFile = worldFile, RunContainerProcesses = false, AgentPacing = TimeSpan.Zero },
        };
        await fleet.InitializeAsync();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(fleet.Home, "ecsops.yaml"), FleetWorld.EcsOpsConfig(Accounts, s_regions, concurrency: 8));

            var result = await fleet.RunAsync("ls", "--output", "json");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("", result.StandardError);
            var found = JsonDocument.Parse(result.StandardOutputBytes).RootElement.EnumerateArray()
                .Select(r => string.Join(' ', new[] { "accountId", "account", "region", "cluster", "service", "taskId", "container" }
                    .Select(name => r.GetProperty(name).GetString())))
                .Order(StringComparer.Ordinal)
                .ToList();
            var expected = Enumerable.Range(0, Accounts)
                .SelectMany(i => s_regions.Select((region, r) => string.Join(' ',
                    FleetWorld.AccountId(i), FleetWorld.AccountName(i), region, FleetWorld.ClusterName(i, region),
                    FleetWorld.ServiceName, FleetWorld.TaskId(i, r), FleetWorld.ContainerName)))
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(expected, found);
        }
        finally
        {
            await fleet.DisposeAsync();
            File.Delete(worldFile);
        }
    }
}
