namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>ListClusters</c> input; pages of at most 100 (the default).</summary>
public sealed record ListClustersRequest
{
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

/// <summary>ECS <c>ListClusters</c> output.</summary>
public sealed record ListClustersResponse
{
    public IReadOnlyList<string> ClusterArns { get; init; } = [];
    public string? NextToken { get; init; }
}
