using System.Globalization;
using EcsOps.Sandbox.World;

namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>
/// A generated world: a hub account (the operator's) and 20 team accounts in two regions. Every team account
/// trusts the hub with role EcsOpsAccess and runs cluster <c>main</c> in both regions with service <c>api</c>: one
/// task of two containers (<c>app</c>, <c>sidecar</c>).
/// </summary>
public sealed class FleetSandbox : DiscoverySandbox
{
    public const int TeamCount = 20;
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "eu-west-1"];

    protected override string HubName => "hub";

    protected override WorldDefinition World { get; } = Build();

    public static string TeamName(int team) => $"team-{team:D2}";

    public static string TeamId(int team) => (100_000_000_000L + team).ToString(CultureInfo.InvariantCulture);

    /// <summary>ecsops.yaml listing every team account.</summary>
    public static string Config(int concurrency) =>
        "accounts:\n"
        + string.Concat(Enumerable.Range(1, TeamCount).Select(t => $"  - {{ id: \"{TeamId(t)}\", name: {TeamName(t)} }}\n"))
        + $"defaults:\n  regions: [{string.Join(", ", Regions)}]\n  roleName: EcsOpsAccess\n  concurrency: {concurrency}\n";

    private static WorldDefinition Build()
    {
        var world = new WorldDefinition { Regions = [.. Regions] };
        world.Accounts.Add(new AccountDefinition
        {
            Id = "999999999999",
            Name = "hub",
            AccessKeyId = "AKIAFLEETHUB00000001",
            SecretAccessKey = "fleet/hub/secret",
        });
        for (var team = 1; team <= TeamCount; team++)
        {
            var account = new AccountDefinition
            {
                Id = TeamId(team),
                Name = TeamName(team),
                AccessKeyId = $"AKIAFLEETTEAM{team:D7}",
                SecretAccessKey = $"fleet/{team}/secret",
                Roles = ["EcsOpsAccess"],
            };
            foreach (var region in Regions)
            {
                account.TaskDefinitions.Add(new TaskDefinitionDefinition
                {
                    Family = "app",
                    Revision = 1,
                    Region = region,
                    Containers =
                    [
                        new ContainerDefinitionDefinition { Name = "app", Image = "public.ecr.aws/nginx/nginx:1.27" },
                        new ContainerDefinitionDefinition { Name = "sidecar", Image = "public.ecr.aws/nginx/nginx:1.27", Essential = false },
                    ],
                });
                account.Clusters.Add(new ClusterDefinition
                {
                    Name = "main",
                    Region = region,
                    Services =
                    [
                        new ServiceDefinition
                        {
                            Name = "api",
                            TaskDefinition = "app:1",
                            DesiredCount = 1,
                            EnableExecuteCommand = true,
                            NetworkConfiguration = new NetworkConfigurationDefinition { Subnets = ["subnet-1"] },
                            Tasks = [new TaskInstanceDefinition()],
                        },
                    ],
                });
            }

            world.Accounts.Add(account);
        }

        return world;
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetSandbox>
{
    public const string Name = "aws-discovery-fleet";
}
