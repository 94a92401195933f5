namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>DescribeServices</c> input (up to 10 names or ARNs).</summary>
public sealed record DescribeServicesRequest
{
    public string? Cluster { get; init; }
    public IReadOnlyList<string> Services { get; init; } = [];
    public IReadOnlyList<string>? Include { get; init; }
}

/// <summary>ECS <c>DescribeServices</c> output.</summary>
public sealed record DescribeServicesResponse
{
    public IReadOnlyList<Service> Services { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}
