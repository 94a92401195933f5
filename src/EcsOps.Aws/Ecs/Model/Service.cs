namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>Service</c> (the fields EcsOps reads; others are omitted).</summary>
public sealed record Service
{
    public required string ServiceArn { get; init; }
    public required string ServiceName { get; init; }
    public required string ClusterArn { get; init; }
    public string Status { get; init; } = EcsStatus.Active;
    public int DesiredCount { get; init; }
    public int RunningCount { get; init; }
    public int PendingCount { get; init; }
    public string? LaunchType { get; init; }

    /// <summary>Set instead of <see cref="LaunchType"/> when the service places tasks through capacity providers.</summary>
    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public string? PlatformVersion { get; init; }
    public string? PlatformFamily { get; init; }
    public string? TaskDefinition { get; init; }
    public IReadOnlyList<Deployment>? Deployments { get; init; }
    public string? RoleArn { get; init; }
    public IReadOnlyList<ServiceEvent>? Events { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }
    public string? SchedulingStrategy { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public string? CreatedBy { get; init; }
    public bool EnableECSManagedTags { get; init; }
    public string? PropagateTags { get; init; }
    public bool EnableExecuteCommand { get; init; }
}

/// <summary>ECS <c>Deployment</c>.</summary>
public sealed record Deployment
{
    public string? Id { get; init; }

    /// <summary><c>PRIMARY</c>, <c>ACTIVE</c> or <c>INACTIVE</c>.</summary>
    public string? Status { get; init; }

    public string? TaskDefinition { get; init; }
    public int DesiredCount { get; init; }
    public int PendingCount { get; init; }
    public int RunningCount { get; init; }
    public int FailedTasks { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? LaunchType { get; init; }
    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }
    public string? PlatformVersion { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }

    /// <summary><c>COMPLETED</c>, <c>FAILED</c> or <c>IN_PROGRESS</c>.</summary>
    public string? RolloutState { get; init; }

    public string? RolloutStateReason { get; init; }
}

/// <summary>ECS <c>ServiceEvent</c>.</summary>
public sealed record ServiceEvent
{
    public string? Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Message { get; init; }
}
