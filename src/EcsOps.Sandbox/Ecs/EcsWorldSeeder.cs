using System.Globalization;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Ecs;

/// <summary>Turns the world's ECS definitions into the records the ECS API serves.</summary>
internal static class EcsWorldSeeder
{
    public static IEnumerable<EcsRegionState> Seed(WorldDefinition world, DateTimeOffset now)
    {
        var defaultRegion = world.Regions[0];
        var registeredAt = now - TimeSpan.FromDays(30);
        foreach (var account in world.Accounts)
        {
            var regions = new Dictionary<string, EcsRegionState>(StringComparer.Ordinal);
            EcsRegionState RegionState(string? region)
            {
                region ??= defaultRegion;
                if (!regions.TryGetValue(region, out var state))
                {
                    state = new EcsRegionState(new EcsScope(account.Id, region));
                    regions[region] = state;
                }

                return state;
            }

            foreach (var definition in account.TaskDefinitions)
            {
                var state = RegionState(definition.Region);
                if (!state.TaskDefinitions.TryGetValue(definition.Family, out var revisions))
                {
                    revisions = [];
                    state.TaskDefinitions[definition.Family] = revisions;
                }

                revisions[definition.Revision] = ToModel(definition, state.Scope, account, registeredAt);
            }

            foreach (var cluster in account.Clusters)
            {
                var state = RegionState(cluster.Region);
                var clusterState = new ClusterState(ToModel(cluster, state.Scope));
                state.Clusters[cluster.Name] = clusterState;
                foreach (var service in cluster.Services)
                {
                    var definition = state.FindTaskDefinition(service.TaskDefinition)!;
                    var model = ToModel(service, cluster.Name, definition, state.Scope, account, registeredAt);
                    clusterState.Services[service.Name] = model;
                    for (var i = 0; i < service.Tasks.Count; i++)
                    {
                        var task = SeedTask(service.Tasks[i], state.Scope, cluster.Name, $"{cluster.Name}/{service.Name}/{i}",
                            definition, "service:" + service.Name, "ecs-svc/" + EcsTaskFactory.DeterministicHex(service.Name, 16),
                            service.Tasks[i].EnableExecuteCommand ?? service.EnableExecuteCommand, service.LaunchType,
                            model.NetworkConfiguration, now - TimeSpan.FromHours(2));
                        Add(clusterState, task, service.Tasks[i]);
                    }
                }

                for (var i = 0; i < cluster.Tasks.Count; i++)
                {
                    var instance = cluster.Tasks[i];
                    var definition = state.FindTaskDefinition(instance.TaskDefinition!)!;
                    var task = SeedTask(instance, state.Scope, cluster.Name, $"{cluster.Name}/task/{i}", definition,
                        "family:" + definition.Family, instance.StartedBy, instance.EnableExecuteCommand ?? false, "FARGATE",
                        null, now - TimeSpan.FromHours(1));
                    Add(clusterState, task, instance);
                }
            }

            foreach (var state in regions.Values)
            {
                yield return state;
            }
        }
    }

    private static void Add(ClusterState cluster, EcsTask task, TaskInstanceDefinition instance)
    {
        var taskId = task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..];
        cluster.Tasks[taskId] = task;
        if (instance.AgentVersion is { } agentVersion)
        {
            cluster.AgentVersions[taskId] = agentVersion;
        }
    }

    private static EcsTask SeedTask(
        TaskInstanceDefinition instance,
        EcsScope scope,
        string clusterName,
        string seed,
        TaskDefinition definition,
        string group,
        string? startedBy,
        bool enableExecuteCommand,
        string launchType,
        NetworkConfiguration? network,
        DateTimeOffset startedAt)
    {
        var taskId = instance.Id ?? EcsTaskFactory.DeterministicHex($"{scope.AccountId}/{scope.Region}/{seed}", 32);
        var placement = new EcsTaskFactory.Placement(scope, clusterName, taskId, group, startedBy, enableExecuteCommand,
            launchType, instance.PlatformVersion, network, null, null);
        var provisioning = EcsTaskFactory.Provisioning(placement, definition, startedAt);
        var overrides = instance.Containers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var launch = new TaskLaunchResult(definition.ContainerDefinitions.Select(c =>
        {
            var runtimeId = overrides.GetValueOrDefault(c.Name)?.RuntimeId
                ?? $"{taskId}-{long.Parse(EcsTaskFactory.DeterministicHex(taskId + "/" + c.Name, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 9_000_000_000 + 1_000_000_000}";
            return new LaunchedContainer(c.Name, runtimeId, enableExecuteCommand);
        }).ToList());
        return EcsTaskFactory.Running(provisioning, launch, startedAt, name => overrides.GetValueOrDefault(name)?.AgentStatus!);
    }

    private static TaskDefinition ToModel(TaskDefinitionDefinition definition, EcsScope scope, AccountDefinition account, DateTimeOffset registeredAt) => new()
    {
        TaskDefinitionArn = EcsArns.TaskDefinition(scope, definition.Family, definition.Revision),
        Family = definition.Family,
        Revision = definition.Revision,
        TaskRoleArn = definition.TaskRoleArn,
        ExecutionRoleArn = definition.ExecutionRoleArn,
        NetworkMode = definition.NetworkMode,
        Status = EcsStatus.Active,
        Compatibilities = ["EC2", "FARGATE"],
        RequiresCompatibilities = ["FARGATE"],
        Cpu = definition.Cpu,
        Memory = definition.Memory,
        RuntimePlatform = new RuntimePlatform { CpuArchitecture = definition.CpuArchitecture, OperatingSystemFamily = "LINUX" },
        RegisteredAt = registeredAt,
        RegisteredBy = $"arn:aws:iam::{account.Id}:user/{account.UserName}",
        ContainerDefinitions = definition.Containers.Select(c => new ContainerDefinition
        {
            Name = c.Name,
            Image = c.Image,
            Essential = c.Essential,
            EntryPoint = c.EntryPoint,
            Command = c.Command,
            Environment = c.Environment.Select(e => new NameValuePair { Name = e.Key, Value = e.Value }).ToList(),
            Secrets = c.Secrets.Select(s => new ContainerSecret { Name = s.Key, ValueFrom = s.Value }).ToList(),
            PortMappings = c.PortMappings.Select(p => new PortMapping
            {
                ContainerPort = p.ContainerPort,
                HostPort = p.ContainerPort,
                Protocol = p.Protocol,
                Name = p.Name,
            }).ToList(),
            ReadonlyRootFilesystem = c.ReadonlyRootFilesystem,
            LinuxParameters = new LinuxParameters { InitProcessEnabled = c.InitProcessEnabled },
            User = c.User,
            WorkingDirectory = c.WorkingDirectory,
            MountPoints = [],
            LogConfiguration = c.LogConfiguration is { } log
                ? new LogConfiguration { LogDriver = log.LogDriver, Options = log.Options }
                : null,
        }).ToList(),
    };

    private static Cluster ToModel(ClusterDefinition cluster, EcsScope scope) => new()
    {
        ClusterArn = EcsArns.Cluster(scope, cluster.Name),
        ClusterName = cluster.Name,
        Status = EcsStatus.Active,
        CapacityProviders = ["FARGATE", "FARGATE_SPOT"],
        Settings = [new NameValuePair { Name = "containerInsights", Value = "disabled" }],
        Statistics = [],
        Tags = [],
        Configuration = cluster.ExecuteCommandConfiguration is { } exec
            ? new ClusterConfiguration
            {
                ExecuteCommandConfiguration = new ExecuteCommandConfiguration
                {
                    KmsKeyId = exec.KmsKeyId,
                    Logging = exec.Logging,
                    LogConfiguration = exec.Logging == "OVERRIDE"
                        ? new ExecuteCommandLogConfiguration
                        {
                            CloudWatchLogGroupName = exec.CloudWatchLogGroupName,
                            CloudWatchEncryptionEnabled = exec.CloudWatchEncryptionEnabled,
                            S3BucketName = exec.S3BucketName,
                            S3EncryptionEnabled = exec.S3EncryptionEnabled,
                            S3KeyPrefix = exec.S3KeyPrefix,
                        }
                        : null,
                },
            }
            : null,
    };

    private static Service ToModel(
        ServiceDefinition service, string clusterName, TaskDefinition definition, EcsScope scope, AccountDefinition account, DateTimeOffset createdAt)
    {
        var network = service.NetworkConfiguration is { } net
            ? new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration
                {
                    Subnets = net.Subnets,
                    SecurityGroups = net.SecurityGroups,
                    AssignPublicIp = net.AssignPublicIp,
                },
            }
            : null;
        return new Service
        {
            ServiceArn = EcsArns.Service(scope, clusterName, service.Name),
            ServiceName = service.Name,
            ClusterArn = EcsArns.Cluster(scope, clusterName),
            Status = EcsStatus.Active,
            DesiredCount = service.DesiredCount,
            LaunchType = service.LaunchType,
            PlatformVersion = "LATEST",
            PlatformFamily = "Linux",
            TaskDefinition = definition.TaskDefinitionArn,
            Deployments =
            [
                new Deployment
                {
                    Id = "ecs-svc/" + EcsTaskFactory.DeterministicHex(service.Name, 16),
                    Status = "PRIMARY",
                    TaskDefinition = definition.TaskDefinitionArn,
                    DesiredCount = service.DesiredCount,
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt,
                    LaunchType = service.LaunchType,
                    PlatformVersion = "1.4.0",
                    NetworkConfiguration = network,
                    RolloutState = "COMPLETED",
                    RolloutStateReason = "ECS deployment ecs-svc completed.",
                },
            ],
            Events = [],
            CreatedAt = createdAt,
            NetworkConfiguration = network,
            SchedulingStrategy = "REPLICA",
            CreatedBy = $"arn:aws:iam::{account.Id}:user/{account.UserName}",
            PropagateTags = "NONE",
            EnableExecuteCommand = service.EnableExecuteCommand,
            Tags = [],
        };
    }
}
