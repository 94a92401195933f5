namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>Cluster</c>.</summary>
public sealed record Cluster
{
    public required string ClusterArn { get; init; }
    public required string ClusterName { get; init; }
    public ClusterConfiguration? Configuration { get; init; }

    /// <summary><c>ACTIVE</c>, <c>PROVISIONING</c>, <c>INACTIVE</c>…</summary>
    public string Status { get; init; } = EcsStatus.Active;

    public int RegisteredContainerInstancesCount { get; init; }
    public int RunningTasksCount { get; init; }
    public int PendingTasksCount { get; init; }
    public int ActiveServicesCount { get; init; }
    public IReadOnlyList<NameValuePair>? Statistics { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public IReadOnlyList<NameValuePair>? Settings { get; init; }
    public IReadOnlyList<string>? CapacityProviders { get; init; }
}

/// <summary>ECS <c>ClusterConfiguration</c>.</summary>
public sealed record ClusterConfiguration
{
    public ExecuteCommandConfiguration? ExecuteCommandConfiguration { get; init; }
}

/// <summary>ECS <c>ExecuteCommandConfiguration</c>: encryption and logging of ECS Exec sessions.</summary>
public sealed record ExecuteCommandConfiguration
{
    public string? KmsKeyId { get; init; }

    /// <summary><c>NONE</c>, <c>DEFAULT</c> or <c>OVERRIDE</c>.</summary>
    public string? Logging { get; init; }

    public ExecuteCommandLogConfiguration? LogConfiguration { get; init; }
}

/// <summary>ECS <c>ExecuteCommandLogConfiguration</c>: where session transcripts go when logging is <c>OVERRIDE</c>.</summary>
public sealed record ExecuteCommandLogConfiguration
{
    public string? CloudWatchLogGroupName { get; init; }
    public bool CloudWatchEncryptionEnabled { get; init; }
    public string? S3BucketName { get; init; }
    public bool S3EncryptionEnabled { get; init; }
    public string? S3KeyPrefix { get; init; }
}
