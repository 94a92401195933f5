using System.Text.Json.Serialization;

namespace EcsOps.Aws.Discovery;

/// <summary>One container of one task, with everything needed to pick it and to open a session to it.</summary>
public sealed record DiscoveredContainer
{
    public required string AccountId { get; init; }
    public required string AccountName { get; init; }
    public required string Region { get; init; }
    public required string ClusterName { get; init; }
    public required string ClusterArn { get; init; }

    /// <summary>The service that started the task; null for stand-alone tasks (RunTask).</summary>
    public string? ServiceName { get; init; }

    public required string TaskArn { get; init; }
    public required string TaskId { get; init; }
    public string? TaskDefinitionArn { get; init; }

    /// <summary>The task's lastStatus (PROVISIONING, PENDING, RUNNING, …).</summary>
    public string? TaskLastStatus { get; init; }

    public required string ContainerName { get; init; }

    /// <summary>The container's runtime id; null while the container has not started.</summary>
    public string? RuntimeId { get; init; }

    /// <summary>The container's lastStatus.</summary>
    public string? LastStatus { get; init; }

    public bool EnableExecuteCommand { get; init; }

    /// <summary>lastStatus of the container's ExecuteCommandAgent; null when the task has none.</summary>
    public string? ExecuteCommandAgentStatus { get; init; }

    public string? PlatformVersion { get; init; }
    public string? LaunchType { get; init; }
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary><c>family:revision</c> of the task definition.</summary>
    [JsonIgnore]
    public string? TaskDefinitionName => EcsArn.TaskDefinitionName(TaskDefinitionArn);

    /// <summary>True when both the task and the container are RUNNING.</summary>
    [JsonIgnore]
    public bool IsRunning => TaskLastStatus == "RUNNING" && LastStatus == "RUNNING";

    [JsonIgnore]
    public ExecReadiness Readiness => ExecReadiness.Of(EnableExecuteCommand, ExecuteCommandAgentStatus, LaunchType, PlatformVersion, TaskLastStatus);

    /// <summary>The Session Manager target; null while the container has no runtime id.</summary>
    [JsonIgnore]
    public SsmTarget? SsmTarget => RuntimeId is null ? null : new SsmTarget(ClusterName, TaskId, RuntimeId);

    /// <summary>The selector naming exactly this container's place: <c>account/region/cluster/service/container</c>.</summary>
    [JsonIgnore]
    public string Path => $"{AccountName}/{Region}/{ClusterName}/{ServiceName ?? "-"}/{ContainerName}";
}
