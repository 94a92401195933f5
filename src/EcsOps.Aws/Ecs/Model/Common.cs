namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>KeyValuePair</c>: environment variables, statistics, attachment details.</summary>
public sealed record NameValuePair
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}

/// <summary>ECS <c>Tag</c> (lowercase <c>key</c>/<c>value</c> on the wire, unlike most services).</summary>
public sealed record Tag
{
    public string? Key { get; init; }
    public string? Value { get; init; }
}

/// <summary>ECS <c>Failure</c>: one ARN or name that a Describe* call could not resolve.</summary>
public sealed record Failure
{
    public string? Arn { get; init; }

    /// <summary>For example <c>MISSING</c>.</summary>
    public string? Reason { get; init; }

    public string? Detail { get; init; }
}

/// <summary>ECS <c>NetworkConfiguration</c>.</summary>
public sealed record NetworkConfiguration
{
    public AwsVpcConfiguration? AwsvpcConfiguration { get; init; }
}

/// <summary>ECS <c>CapacityProviderStrategyItem</c>: a capacity provider (<c>FARGATE</c>, <c>FARGATE_SPOT</c>, …) and its share.</summary>
public sealed record CapacityProviderStrategyItem
{
    public required string CapacityProvider { get; init; }
    public int? Weight { get; init; }
    public int? Base { get; init; }
}

/// <summary>ECS <c>AwsVpcConfiguration</c>.</summary>
public sealed record AwsVpcConfiguration
{
    public IReadOnlyList<string> Subnets { get; init; } = [];
    public IReadOnlyList<string>? SecurityGroups { get; init; }

    /// <summary><c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public string? AssignPublicIp { get; init; }
}

/// <summary>ECS <c>Secret</c>: an environment variable filled from Secrets Manager or SSM Parameter Store.</summary>
public sealed record ContainerSecret
{
    public required string Name { get; init; }

    /// <summary>The ARN (or parameter name) the value comes from.</summary>
    public required string ValueFrom { get; init; }
}

/// <summary>ECS <c>LogConfiguration</c>.</summary>
public sealed record LogConfiguration
{
    /// <summary>For example <c>awslogs</c>.</summary>
    public required string LogDriver { get; init; }

    /// <summary>Driver options, e.g. <c>awslogs-group</c>, <c>awslogs-region</c>, <c>awslogs-stream-prefix</c>.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    public IReadOnlyList<ContainerSecret>? SecretOptions { get; init; }
}
