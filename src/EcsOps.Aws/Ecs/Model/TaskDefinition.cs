namespace EcsOps.Aws.Ecs.Model;

/// <summary>ECS <c>TaskDefinition</c> (the fields EcsOps reads).</summary>
public sealed record TaskDefinition
{
    public required string TaskDefinitionArn { get; init; }
    public IReadOnlyList<ContainerDefinition> ContainerDefinitions { get; init; } = [];
    public required string Family { get; init; }
    public string? TaskRoleArn { get; init; }
    public string? ExecutionRoleArn { get; init; }

    /// <summary><c>awsvpc</c> on Fargate.</summary>
    public string? NetworkMode { get; init; }

    public int Revision { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string>? Compatibilities { get; init; }
    public IReadOnlyList<string>? RequiresCompatibilities { get; init; }
    public string? Cpu { get; init; }
    public string? Memory { get; init; }
    public RuntimePlatform? RuntimePlatform { get; init; }
    public DateTimeOffset? RegisteredAt { get; init; }
    public string? RegisteredBy { get; init; }
}

/// <summary>ECS <c>RuntimePlatform</c>.</summary>
public sealed record RuntimePlatform
{
    /// <summary><c>X86_64</c> or <c>ARM64</c>.</summary>
    public string? CpuArchitecture { get; init; }

    public string? OperatingSystemFamily { get; init; }
}

/// <summary>ECS <c>ContainerDefinition</c> (the fields EcsOps reads).</summary>
public sealed record ContainerDefinition
{
    public required string Name { get; init; }
    public string? Image { get; init; }
    public int Cpu { get; init; }
    public int? Memory { get; init; }
    public int? MemoryReservation { get; init; }
    public IReadOnlyList<PortMapping>? PortMappings { get; init; }
    public bool? Essential { get; init; }
    public IReadOnlyList<string>? EntryPoint { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<NameValuePair>? Environment { get; init; }
    public IReadOnlyList<MountPoint>? MountPoints { get; init; }
    public LinuxParameters? LinuxParameters { get; init; }
    public IReadOnlyList<ContainerSecret>? Secrets { get; init; }
    public string? User { get; init; }
    public string? WorkingDirectory { get; init; }
    public bool? ReadonlyRootFilesystem { get; init; }
    public LogConfiguration? LogConfiguration { get; init; }
    public HealthCheck? HealthCheck { get; init; }
}

/// <summary>ECS <c>PortMapping</c>.</summary>
public sealed record PortMapping
{
    public int? ContainerPort { get; init; }
    public int? HostPort { get; init; }

    /// <summary><c>tcp</c> or <c>udp</c>.</summary>
    public string? Protocol { get; init; }

    public string? Name { get; init; }
    public string? AppProtocol { get; init; }
}

/// <summary>ECS <c>MountPoint</c>.</summary>
public sealed record MountPoint
{
    public string? SourceVolume { get; init; }
    public string? ContainerPath { get; init; }
    public bool? ReadOnly { get; init; }
}

/// <summary>ECS <c>LinuxParameters</c>; <c>initProcessEnabled</c> matters to ECS Exec (reaps orphaned session processes).</summary>
public sealed record LinuxParameters
{
    public bool? InitProcessEnabled { get; init; }
    public int? SharedMemorySize { get; init; }
}

/// <summary>ECS <c>HealthCheck</c>.</summary>
public sealed record HealthCheck
{
    public IReadOnlyList<string> Command { get; init; } = [];
    public int? Interval { get; init; }
    public int? Timeout { get; init; }
    public int? Retries { get; init; }
    public int? StartPeriod { get; init; }
}
