namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>UpdateService</c> input (the fields EcsOps changes).</summary>
public sealed record UpdateServiceRequest
{
    public string? Cluster { get; init; }
    public required string Service { get; init; }
    public int? DesiredCount { get; init; }
    public string? TaskDefinition { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }
    public string? PlatformVersion { get; init; }
    public bool ForceNewDeployment { get; init; }
    public bool? EnableExecuteCommand { get; init; }
}

/// <summary>ECS <c>UpdateService</c> output.</summary>
public sealed record UpdateServiceResponse
{
    public Service? Service { get; init; }
}
