namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>StopTask</c> input.</summary>
public sealed record StopTaskRequest
{
    public string? Cluster { get; init; }
    public required string Task { get; init; }
    public string? Reason { get; init; }
}

/// <summary>ECS <c>StopTask</c> output.</summary>
public sealed record StopTaskResponse
{
    public EcsTask? Task { get; init; }
}
