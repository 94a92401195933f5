namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>Task</c> (named EcsTask to stay clear of <see cref="System.Threading.Tasks.Task"/>).</summary>
public sealed record EcsTask
{
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public string? AvailabilityZone { get; init; }

    /// <summary>The capacity provider the task was placed with, when it was placed through a strategy.</summary>
    public string? CapacityProviderName { get; init; }

    public required string ClusterArn { get; init; }

    /// <summary><c>CONNECTED</c> or <c>DISCONNECTED</c>.</summary>
    public string? Connectivity { get; init; }

    public DateTimeOffset? ConnectivityAt { get; init; }
    public IReadOnlyList<Container> Containers { get; init; } = [];
    public string? Cpu { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? DesiredStatus { get; init; }
    public bool EnableExecuteCommand { get; init; }

    /// <summary><c>service:&lt;name&gt;</c> for service tasks, <c>family:&lt;family&gt;</c> by default for RunTask.</summary>
    public string? Group { get; init; }

    public string? HealthStatus { get; init; }
    public string? LastStatus { get; init; }
    public string? LaunchType { get; init; }
    public string? Memory { get; init; }
    public TaskOverride? Overrides { get; init; }
    public string? PlatformVersion { get; init; }
    public string? PlatformFamily { get; init; }
    public DateTimeOffset? PullStartedAt { get; init; }
    public DateTimeOffset? PullStoppedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public string? StopCode { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public string? StoppedReason { get; init; }
    public DateTimeOffset? StoppingAt { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public required string TaskArn { get; init; }
    public string? TaskDefinitionArn { get; init; }
    public long Version { get; init; }
}

/// <summary>ECS <c>Container</c>: one container of a running task.</summary>
public sealed record Container
{
    public string? ContainerArn { get; init; }
    public string? TaskArn { get; init; }
    public required string Name { get; init; }
    public string? Image { get; init; }
    public string? ImageDigest { get; init; }

    /// <summary>The Docker id; the third part of an SSM target <c>ecs:&lt;cluster&gt;_&lt;task&gt;_&lt;runtimeId&gt;</c>.</summary>
    public string? RuntimeId { get; init; }

    public string? LastStatus { get; init; }
    public int? ExitCode { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<NetworkBinding>? NetworkBindings { get; init; }
    public IReadOnlyList<NetworkInterface>? NetworkInterfaces { get; init; }
    public string? HealthStatus { get; init; }
    public IReadOnlyList<ManagedAgent>? ManagedAgents { get; init; }
    public string? Cpu { get; init; }
    public string? Memory { get; init; }
    public string? MemoryReservation { get; init; }
}

/// <summary>ECS <c>ManagedAgent</c>; the ExecuteCommandAgent must be <c>RUNNING</c> for ECS Exec.</summary>
public sealed record ManagedAgent
{
    public DateTimeOffset? LastStartedAt { get; init; }
    public string? Name { get; init; }
    public string? Reason { get; init; }
    public string? LastStatus { get; init; }
}

/// <summary>ECS <c>NetworkBinding</c>.</summary>
public sealed record NetworkBinding
{
    public string? BindIP { get; init; }
    public int? ContainerPort { get; init; }
    public int? HostPort { get; init; }
    public string? Protocol { get; init; }
}

/// <summary>ECS <c>NetworkInterface</c>.</summary>
public sealed record NetworkInterface
{
    public string? AttachmentId { get; init; }
    public string? PrivateIpv4Address { get; init; }
    public string? Ipv6Address { get; init; }
}

/// <summary>ECS <c>Attachment</c> (the task's elastic network interface under awsvpc).</summary>
public sealed record Attachment
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<NameValuePair>? Details { get; init; }
}

/// <summary>ECS <c>TaskOverride</c>.</summary>
public sealed record TaskOverride
{
    public IReadOnlyList<ContainerOverride>? ContainerOverrides { get; init; }
    public string? Cpu { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public string? Memory { get; init; }
    public string? TaskRoleArn { get; init; }
}

/// <summary>ECS <c>ContainerOverride</c>.</summary>
public sealed record ContainerOverride
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<NameValuePair>? Environment { get; init; }
    public int? Cpu { get; init; }
    public int? Memory { get; init; }
    public int? MemoryReservation { get; init; }
}
