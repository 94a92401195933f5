using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Tasks;

namespace EcsOps.Aws.Tests.Tasks;

/// <summary>The RunTask request of a one-off task copies the service's placement and networking.</summary>
public sealed class ServiceTaskTemplateTests
{
    private static readonly NetworkConfiguration s_network = new()
    {
        AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-a", "subnet-b"], SecurityGroups = ["sg-1"], AssignPublicIp = "DISABLED" },
    };

    private static ServiceTaskTemplate Template(Service service) => new()
    {
        Service = service,
        TaskDefinition = new TaskDefinition
        {
            TaskDefinitionArn = "arn:aws:ecs:us-east-1:111111111111:task-definition/api:12",
            Family = "api",
            ContainerDefinitions = [new ContainerDefinition { Name = "api" }, new ContainerDefinition { Name = "sidecar" }],
        },
        Container = new ContainerDefinition { Name = "api" },
    };

    private static Service Service(string? launchType, IReadOnlyList<CapacityProviderStrategyItem>? strategy) => new()
    {
        ServiceArn = "arn:aws:ecs:us-east-1:111111111111:service/prod/api",
        ServiceName = "api",
        ClusterArn = "arn:aws:ecs:us-east-1:111111111111:cluster/prod",
        TaskDefinition = "arn:aws:ecs:us-east-1:111111111111:task-definition/api:12",
        LaunchType = launchType,
        CapacityProviderStrategy = strategy,
        PlatformVersion = "1.4.0",
        NetworkConfiguration = s_network,
        EnableExecuteCommand = true,
    };

    [Fact]
    public void Build_LaunchTypeService_SameClusterDefinitionNetworkAndPlatform()
    {
        var request = Template(Service("FARGATE", null)).Build(["migrate", "--up"], "ecsops:RUN", [new Tag { Key = "k", Value = "v" }], "RUN");

        Assert.Equal(("arn:aws:ecs:us-east-1:111111111111:cluster/prod", "arn:aws:ecs:us-east-1:111111111111:task-definition/api:12"),
            (request.Cluster, request.TaskDefinition));
        Assert.Equal(("FARGATE", null, "1.4.0"), (request.LaunchType, request.CapacityProviderStrategy, request.PlatformVersion));
        Assert.Same(s_network, request.NetworkConfiguration);
        Assert.Equal(("ecsops:RUN", "RUN", 1), (request.StartedBy, request.ClientToken, request.Count));
        var containerOverride = Assert.Single(request.Overrides!.ContainerOverrides!);
        Assert.Equal("api", containerOverride.Name);
        Assert.Equal(["migrate", "--up"], containerOverride.Command!);
    }

    [Fact]
    public void Build_CapacityProviderService_StrategyInsteadOfLaunchType()
    {
        CapacityProviderStrategyItem[] strategy = [new() { CapacityProvider = "FARGATE_SPOT", Weight = 3 }, new() { CapacityProvider = "FARGATE", Base = 1 }];

        var request = Template(Service(null, strategy)).Build(["x"], "ecsops:RUN", [], "RUN");

        Assert.Null(request.LaunchType);
        Assert.Equal(strategy, request.CapacityProviderStrategy);
    }

    [Fact]
    public void OverridesLength_CountsTheJsonEcsLimits()
    {
        var template = Template(Service("FARGATE", null));

        var small = ServiceTaskTemplate.OverridesLength(template.Overrides(["echo", "hi"]));
        var large = ServiceTaskTemplate.OverridesLength(template.Overrides(["echo", new string('x', 9000)]));

        Assert.Equal("""{"containerOverrides":[{"name":"api","command":["echo","hi"]}]}""".Length, small);
        Assert.True(large > ServiceTaskTemplate.MaxOverridesLength);
    }
}
