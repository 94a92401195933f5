namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>ListTasks</c> input; pages of at most 100 (the default).</summary>
public sealed record ListTasksRequest
{
    public string? Cluster { get; init; }
    public string? ContainerInstance { get; init; }
    public string? Family { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public string? StartedBy { get; init; }
    public string? ServiceName { get; init; }

    /// <summary><c>RUNNING</c> (the default), <c>PENDING</c> or <c>STOPPED</c>.</summary>
    public string? DesiredStatus { get; init; }

    public string? LaunchType { get; init; }
}

/// <summary>ECS <c>ListTasks</c> output.</summary>
public sealed record ListTasksResponse
{
    public IReadOnlyList<string> TaskArns { get; init; } = [];
    public string? NextToken { get; init; }
}
