namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>DescribeTasks</c> input (up to 100 task ids or ARNs).</summary>
public sealed record DescribeTasksRequest
{
    public string? Cluster { get; init; }
    public IReadOnlyList<string> Tasks { get; init; } = [];
    public IReadOnlyList<string>? Include { get; init; }
}

/// <summary>ECS <c>DescribeTasks</c> output.</summary>
public sealed record DescribeTasksResponse
{
    public IReadOnlyList<EcsTask> Tasks { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}
