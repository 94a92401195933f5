namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>ListServices</c> input; pages of 10 by default, at most 100.</summary>
public sealed record ListServicesRequest
{
    public string? Cluster { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public string? LaunchType { get; init; }
    public string? SchedulingStrategy { get; init; }
}

/// <summary>ECS <c>ListServices</c> output.</summary>
public sealed record ListServicesResponse
{
    public IReadOnlyList<string> ServiceArns { get; init; } = [];
    public string? NextToken { get; init; }
}
