namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>RunTask</c> input.</summary>
public sealed record RunTaskRequest
{
    public string? Cluster { get; init; }
    public required string TaskDefinition { get; init; }
    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }
    public int? Count { get; init; }
    public bool EnableECSManagedTags { get; init; }
    public bool EnableExecuteCommand { get; init; }
    public string? Group { get; init; }
    public string? LaunchType { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }
    public TaskOverride? Overrides { get; init; }
    public string? PlatformVersion { get; init; }
    public string? PropagateTags { get; init; }
    public string? ReferenceId { get; init; }
    public string? StartedBy { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public string? ClientToken { get; init; }
}

/// <summary>ECS <c>RunTask</c> output: the tasks as just created (normally <c>PROVISIONING</c>).</summary>
public sealed record RunTaskResponse
{
    public IReadOnlyList<EcsTask> Tasks { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}
