namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>DescribeTaskDefinition</c> input: <c>family</c> (latest ACTIVE), <c>family:revision</c> or an ARN.</summary>
public sealed record DescribeTaskDefinitionRequest
{
    public required string TaskDefinition { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
}

/// <summary>ECS <c>DescribeTaskDefinition</c> output.</summary>
public sealed record DescribeTaskDefinitionResponse
{
    public TaskDefinition? TaskDefinition { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
}
