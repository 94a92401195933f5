namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>DescribeClusters</c> input; no clusters means the <c>default</c> cluster.</summary>
public sealed record DescribeClustersRequest
{
    public IReadOnlyList<string>? Clusters { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
}

/// <summary>ECS <c>DescribeClusters</c> output.</summary>
public sealed record DescribeClustersResponse
{
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}
