using EcsOps.Aws.Discovery;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Inspect;

namespace EcsOps.Runbooks.Inspect;

/// <summary>DescribeTasks' records as the report's summaries: the inspected task and the stopped ones.</summary>
internal static class TaskSummaries
{
    public static TaskSummary Summarize(DiscoveredContainer container, TaskFacts facts)
    {
        var task = facts.Task;
        var addresses = (task.Attachments ?? [])
            .SelectMany(a => a.Details ?? [])
            .Where(d => d.Name == "privateIPv4Address" && d.Value is not null)
            .Select(d => d.Value!)
            .Concat(task.Containers.SelectMany(c => c.NetworkInterfaces ?? []).Select(n => n.PrivateIpv4Address).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new TaskSummary
        {
            TaskArn = task.TaskArn,
            TaskId = container.TaskId,
            Cluster = container.ClusterName,
            Service = container.ServiceName,
            TaskDefinition = EcsArn.TaskDefinitionName(task.TaskDefinitionArn),
            LastStatus = task.LastStatus,
            DesiredStatus = task.DesiredStatus,
            HealthStatus = task.HealthStatus,
            LaunchType = task.LaunchType,
            PlatformVersion = task.PlatformVersion,
            Cpu = task.Cpu,
            Memory = task.Memory,
            CreatedAt = task.CreatedAt,
            StartedAt = task.StartedAt,
            StartedBy = task.StartedBy,
            AvailabilityZone = task.AvailabilityZone,
            PrivateIpv4Addresses = addresses,
            ExecEnabled = task.EnableExecuteCommand,
            ExecReady = container.Readiness.IsReady,
            ExecProblems = container.Readiness.Problems,
            Containers = [.. task.Containers.Select(c => new ContainerSummary
            {
                Name = c.Name,
                Image = c.Image,
                ImageDigest = c.ImageDigest,
                LastStatus = c.LastStatus,
                HealthStatus = c.HealthStatus,
                ExitCode = c.ExitCode,
                Reason = c.Reason,
                RuntimeId = c.RuntimeId,
                ExecAgentStatus = c.ManagedAgents?.FirstOrDefault(a => a.Name == EcsStatus.ExecuteCommandAgent)?.LastStatus,
            })],
        };
    }

    public static StoppedTaskSummary Stopped(EcsTask task) => new()
    {
        TaskId = EcsArn.LastPart(task.TaskArn),
        TaskDefinition = EcsArn.TaskDefinitionName(task.TaskDefinitionArn),
        StartedAt = task.StartedAt,
        StoppedAt = task.StoppedAt,
        StopCode = task.StopCode,
        StoppedReason = task.StoppedReason,
        Containers = [.. task.Containers.Select(c => new StoppedContainer(c.Name, c.ExitCode, c.Reason))],
    };
}
