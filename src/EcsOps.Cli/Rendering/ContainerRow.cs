using EcsOps.Aws.Discovery;

namespace EcsOps.Cli.Rendering;

/// <summary>One container as <c>ecsops ls</c> shows it; the JSON output is these rows, camelCase.</summary>
public sealed record ContainerRow
{
    public required string AccountId { get; init; }
    public required string Account { get; init; }
    public required string Region { get; init; }
    public required string Cluster { get; init; }
    public string? Service { get; init; }
    public required string TaskId { get; init; }
    public required string TaskArn { get; init; }
    public required string Container { get; init; }
    public string? Status { get; init; }
    public string? TaskStatus { get; init; }
    public required bool ExecReady { get; init; }

    /// <summary>Why ECS Exec cannot reach the container; empty when <see cref="ExecReady"/>.</summary>
    public required IReadOnlyList<string> ExecProblems { get; init; }

    public string? SsmTarget { get; init; }
    public string? TaskDefinition { get; init; }
    public string? LaunchType { get; init; }
    public string? PlatformVersion { get; init; }
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The selector naming exactly this container's place.</summary>
    public required string Path { get; init; }

    public static ContainerRow From(DiscoveredContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var readiness = container.Readiness;
        return new ContainerRow
        {
            AccountId = container.AccountId,
            Account = container.AccountName,
            Region = container.Region,
            Cluster = container.ClusterName,
            Service = container.ServiceName,
            TaskId = container.TaskId,
            TaskArn = container.TaskArn,
            Container = container.ContainerName,
            Status = container.LastStatus,
            TaskStatus = container.TaskLastStatus,
            ExecReady = readiness.IsReady,
            ExecProblems = readiness.Problems,
            SsmTarget = container.SsmTarget?.ToString(),
            TaskDefinition = container.TaskDefinitionName,
            LaunchType = container.LaunchType,
            PlatformVersion = container.PlatformVersion,
            StartedAt = container.StartedAt,
            Path = container.Path,
        };
    }

    /// <summary>The EXEC column: <c>ready</c>, or the first thing in the way, in a word or two.</summary>
    public static string ExecSummary(DiscoveredContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var readiness = container.Readiness;
        if (readiness.IsReady)
        {
            return "ready";
        }

        if (!readiness.ExecuteCommandEnabled)
        {
            return "disabled";
        }

        if (!readiness.AgentRunning)
        {
            return $"agent {container.ExecuteCommandAgentStatus?.ToLowerInvariant() ?? "missing"}";
        }

        return "platform < 1.4.0";
    }
}
