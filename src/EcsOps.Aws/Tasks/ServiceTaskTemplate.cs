using System.Text.Json;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Tasks;

/// <summary>
/// A one-off task shaped like a service's own tasks: the service's current task definition (the revision it
/// deploys), its cluster, its network configuration (subnets, security groups, public IP), its launch type or
/// capacity provider strategy and its platform version; only the command of one container is overridden.
/// </summary>
public sealed record ServiceTaskTemplate
{
    /// <summary>ECS's limit on the overrides of one RunTask, counted over their JSON.</summary>
    public const int MaxOverridesLength = 8192;

    public required Service Service { get; init; }

    public required TaskDefinition TaskDefinition { get; init; }

    /// <summary>The container whose command is overridden.</summary>
    public required ContainerDefinition Container { get; init; }

    /// <summary>Where the container's output goes; null when it does not log with awslogs and a stream prefix.</summary>
    public TaskLogSource? Logs { get; init; }

    /// <summary>Reads the service and its task definition.</summary>
    /// <exception cref="TaskFailedException">The service is gone, has no task definition, or the definition has no such container.</exception>
    public static async Task<ServiceTaskTemplate> DescribeAsync(
        EcsClient ecs, string cluster, string serviceName, string containerName, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        var services = await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [serviceName] }, cancellationToken);
        var service = services.Services?.FirstOrDefault(s => s.Status != EcsStatus.Inactive)
            ?? throw new TaskFailedException($"service {serviceName} of cluster {cluster} does not exist (any more)");
        var definitionArn = service.TaskDefinition
            ?? service.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY")?.TaskDefinition
            ?? throw new TaskFailedException($"service {serviceName} has no task definition");
        var described = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = definitionArn }, cancellationToken);
        var definition = described.TaskDefinition
            ?? throw new TaskFailedException($"task definition {definitionArn} of service {serviceName} cannot be described");
        var container = definition.ContainerDefinitions.FirstOrDefault(c => c.Name == containerName)
            ?? throw new TaskFailedException(
                $"task definition {EcsArn.TaskDefinitionName(definition.TaskDefinitionArn)} of service {serviceName} has no container '{containerName}' "
                + $"(it has: {string.Join(", ", definition.ContainerDefinitions.Select(c => c.Name))})");
        return new ServiceTaskTemplate
        {
            Service = service,
            TaskDefinition = definition,
            Container = container,
            Logs = TaskLogSource.For(container, region),
        };
    }

    /// <summary>The overrides that give the container <paramref name="command"/>.</summary>
    public TaskOverride Overrides(IReadOnlyList<string> command) =>
        new() { ContainerOverrides = [new ContainerOverride { Name = Container.Name, Command = command }] };

    /// <summary>The length ECS counts against <see cref="MaxOverridesLength"/>: the overrides as JSON.</summary>
    public static int OverridesLength(TaskOverride overrides) =>
        JsonSerializer.SerializeToUtf8Bytes(overrides, EcsJsonContext.Default.TaskOverride).Length;

    /// <summary>The RunTask request for one task running <paramref name="command"/> in the container.</summary>
    /// <param name="startedBy">At most 36 characters, e.g. <c>ecsops:&lt;run id&gt;</c>.</param>
    /// <param name="tags">Tags of the task (needs ecs:TagResource).</param>
    /// <param name="clientToken">Makes a retried RunTask start one task, not two (at most 64 characters).</param>
    public RunTaskRequest Build(IReadOnlyList<string> command, string startedBy, IReadOnlyList<Tag> tags, string clientToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrEmpty(startedBy);
        var strategy = Service.CapacityProviderStrategy is { Count: > 0 } items ? items : null;
        return new RunTaskRequest
        {
            Cluster = Service.ClusterArn,
            TaskDefinition = TaskDefinition.TaskDefinitionArn,
            Count = 1,
            LaunchType = strategy is null ? Service.LaunchType : null,
            CapacityProviderStrategy = strategy,
            PlatformVersion = Service.PlatformVersion,
            NetworkConfiguration = Service.NetworkConfiguration,
            EnableExecuteCommand = Service.EnableExecuteCommand,
            Overrides = Overrides(command),
            StartedBy = startedBy,
            Tags = tags,
            ClientToken = clientToken,
        };
    }
}
