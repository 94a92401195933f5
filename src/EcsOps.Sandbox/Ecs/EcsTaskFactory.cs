using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Sandbox.Ecs;

/// <summary>Builds ECS task records and moves them through PROVISIONING → RUNNING → STOPPED.</summary>
public static class EcsTaskFactory
{
    /// <summary>What a new task needs besides its definition.</summary>
    public sealed record Placement(
        EcsScope Scope,
        string ClusterName,
        string TaskId,
        string Group,
        string? StartedBy,
        bool EnableExecuteCommand,
        string LaunchType,
        string PlatformVersion,
        NetworkConfiguration? NetworkConfiguration,
        TaskOverride? Overrides,
        IReadOnlyList<Tag>? Tags)
    {
        /// <summary>The capacity provider chosen from the RunTask strategy; null when a launch type was given.</summary>
        public string? CapacityProviderName { get; init; }
    }

    /// <summary>A fresh task as RunTask returns it: PROVISIONING, containers PENDING, no runtime ids yet.</summary>
    public static EcsTask Provisioning(Placement placement, TaskDefinition definition, DateTimeOffset now)
    {
        var scope = placement.Scope;
        var taskArn = EcsArns.Task(scope, placement.ClusterName, placement.TaskId);
        var privateIp = PrivateIpFor(placement.TaskId);
        var attachmentId = DeterministicUuid(placement.TaskId + "/eni");
        var subnet = placement.NetworkConfiguration?.AwsvpcConfiguration?.Subnets is { Count: > 0 } subnets
            ? subnets[0]
            : "subnet-00000000000000000";
        return new EcsTask
        {
            TaskArn = taskArn,
            ClusterArn = EcsArns.Cluster(scope, placement.ClusterName),
            TaskDefinitionArn = definition.TaskDefinitionArn,
            AvailabilityZone = scope.Region + "a",
            CapacityProviderName = placement.CapacityProviderName,
            Attachments =
            [
                new Attachment
                {
                    Id = attachmentId,
                    Type = "ElasticNetworkInterface",
                    Status = "PRECREATED",
                    Details =
                    [
                        new NameValuePair { Name = "subnetId", Value = subnet },
                        new NameValuePair { Name = "networkInterfaceId", Value = "eni-" + DeterministicHex(placement.TaskId + "/eni-id", 17) },
                        new NameValuePair { Name = "privateIPv4Address", Value = privateIp },
                    ],
                },
            ],
            Connectivity = "CONNECTED",
            ConnectivityAt = now,
            Containers = definition.ContainerDefinitions.Select(c => new Container
            {
                ContainerArn = EcsArns.Container(scope, placement.ClusterName, placement.TaskId, DeterministicUuid(placement.TaskId + "/" + c.Name)),
                TaskArn = taskArn,
                Name = c.Name,
                Image = c.Image,
                LastStatus = EcsStatus.Pending,
                NetworkInterfaces = [new NetworkInterface { AttachmentId = attachmentId, PrivateIpv4Address = privateIp }],
                HealthStatus = "UNKNOWN",
                Cpu = c.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ManagedAgents = placement.EnableExecuteCommand
                    ? [new ManagedAgent { Name = EcsStatus.ExecuteCommandAgent, LastStatus = EcsStatus.Pending }]
                    : null,
            }).ToList(),
            Cpu = definition.Cpu,
            Memory = definition.Memory,
            CreatedAt = now,
            DesiredStatus = EcsStatus.Running,
            EnableExecuteCommand = placement.EnableExecuteCommand,
            Group = placement.Group,
            HealthStatus = "UNKNOWN",
            LastStatus = EcsStatus.Provisioning,
            LaunchType = placement.LaunchType,
            Overrides = placement.Overrides ?? new TaskOverride { ContainerOverrides = [] },
            PlatformVersion = placement.PlatformVersion,
            PlatformFamily = "Linux",
            StartedBy = placement.StartedBy,
            Tags = placement.Tags,
            Version = 1,
        };
    }

    /// <summary>The task once its containers run: runtime ids assigned, ExecuteCommandAgent status as reported.</summary>
    public static EcsTask Running(EcsTask task, TaskLaunchResult launch, DateTimeOffset now, Func<string, string>? agentStatus = null)
    {
        var launched = launch.Containers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return task with
        {
            LastStatus = EcsStatus.Running,
            PullStartedAt = task.PullStartedAt ?? now,
            PullStoppedAt = task.PullStoppedAt ?? now,
            StartedAt = now,
            Version = task.Version + 1,
            Attachments = task.Attachments?.Select(a => a with { Status = "ATTACHED" }).ToList(),
            Containers = task.Containers.Select(c =>
            {
                var started = launched.GetValueOrDefault(c.Name);
                var status = agentStatus?.Invoke(c.Name)
                    ?? (started?.ExecuteCommandAgentRunning == true ? EcsStatus.Running : EcsStatus.Pending);
                return c with
                {
                    LastStatus = started is null ? EcsStatus.Stopped : EcsStatus.Running,
                    RuntimeId = started?.RuntimeId,
                    ManagedAgents = c.ManagedAgents?.Select(a => a with
                    {
                        LastStatus = status,
                        LastStartedAt = status == EcsStatus.Running ? now : null,
                    }).ToList(),
                };
            }).ToList(),
        };
    }

    /// <summary>The task once ECS has decided to stop it (desiredStatus STOPPED), before its containers are gone.</summary>
    public static EcsTask Stopping(EcsTask task, string stopCode, string reason, DateTimeOffset now) => task with
    {
        DesiredStatus = EcsStatus.Stopped,
        StopCode = stopCode,
        StoppedReason = reason,
        StoppingAt = task.StoppingAt ?? now,
        Version = task.Version + 1,
    };

    /// <summary>The task with one container stopped: its main process exited with <paramref name="exitCode"/> (null: it had none).</summary>
    public static EcsTask ContainerStopped(EcsTask task, string containerName, int? exitCode) => task with
    {
        Version = task.Version + 1,
        Containers = task.Containers.Select(c => c.Name != containerName ? c : c with
        {
            LastStatus = EcsStatus.Stopped,
            ExitCode = exitCode,
            ManagedAgents = c.ManagedAgents?.Select(a => a with { LastStatus = EcsStatus.Stopped }).ToList(),
        }).ToList(),
    };

    /// <summary>The task once stopped (StopTask, failed launch, or an essential container exiting).</summary>
    public static EcsTask Stopped(EcsTask task, string stopCode, string reason, DateTimeOffset now) => task with
    {
        DesiredStatus = EcsStatus.Stopped,
        LastStatus = EcsStatus.Stopped,
        StopCode = stopCode,
        StoppedReason = reason,
        StoppingAt = task.StoppingAt ?? now,
        StoppedAt = now,
        Version = task.Version + 1,
        Attachments = task.Attachments?.Select(a => a with { Status = "DELETED" }).ToList(),
        Containers = task.Containers.Select(c => c with
        {
            LastStatus = EcsStatus.Stopped,
            ManagedAgents = c.ManagedAgents?.Select(a => a with { LastStatus = EcsStatus.Stopped }).ToList(),
        }).ToList(),
    };

    /// <summary>A new random task id: 32 lowercase hex digits.</summary>
    public static string NewTaskId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal static string DeterministicHex(string seed, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..length];

    internal static string DeterministicUuid(string seed)
    {
        var hex = DeterministicHex(seed, 32);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static string PrivateIpFor(string taskId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(taskId));
        return $"10.0.{hash[0]}.{Math.Max((int)hash[1], 4)}";
    }
}
