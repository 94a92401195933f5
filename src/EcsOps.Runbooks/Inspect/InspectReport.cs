namespace EcsOps.Runbooks.Inspect;

/// <summary>Everything <c>ecsops inspect</c> found; sections not asked for are null. Secret values are masked unless <see cref="Revealed"/>.</summary>
public sealed record InspectReport
{
    /// <summary><c>account/region/cluster/service/container</c>.</summary>
    public required string Target { get; init; }

    public required TaskSummary Task { get; init; }
    public DefinitionReport? Definitions { get; init; }
    public EnvironmentReport? Environment { get; init; }
    public IReadOnlyList<FileReport>? Files { get; init; }
    public IReadOnlyList<StoppedTaskSummary>? Stopped { get; init; }
    public LogReport? Logs { get; init; }

    /// <summary>True when secret values are shown (--reveal, audited).</summary>
    public bool Revealed { get; init; }
}

/// <summary>The task as DescribeTasks reports it, with the inspected container's exec readiness.</summary>
public sealed record TaskSummary
{
    public required string TaskArn { get; init; }
    public required string TaskId { get; init; }
    public required string Cluster { get; init; }
    public string? Service { get; init; }

    /// <summary><c>family:revision</c>.</summary>
    public string? TaskDefinition { get; init; }

    public string? LastStatus { get; init; }
    public string? DesiredStatus { get; init; }
    public string? HealthStatus { get; init; }
    public string? LaunchType { get; init; }
    public string? PlatformVersion { get; init; }
    public string? Cpu { get; init; }
    public string? Memory { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public string? AvailabilityZone { get; init; }
    public IReadOnlyList<string> PrivateIpv4Addresses { get; init; } = [];
    public bool ExecEnabled { get; init; }
    public bool ExecReady { get; init; }
    public IReadOnlyList<string> ExecProblems { get; init; } = [];
    public IReadOnlyList<ContainerSummary> Containers { get; init; } = [];
}

/// <summary>One container of the task.</summary>
public sealed record ContainerSummary
{
    public required string Name { get; init; }
    public string? Image { get; init; }
    public string? ImageDigest { get; init; }
    public string? LastStatus { get; init; }
    public string? HealthStatus { get; init; }
    public int? ExitCode { get; init; }
    public string? Reason { get; init; }
    public string? RuntimeId { get; init; }

    /// <summary>lastStatus of its ExecuteCommandAgent; null without one.</summary>
    public string? ExecAgentStatus { get; init; }
}

/// <summary>The task's revision, and how it differs from the one it is compared with.</summary>
public sealed record DefinitionReport
{
    /// <summary><c>family:revision</c> the task runs.</summary>
    public required string Running { get; init; }

    /// <summary>The revision compared with; null when the task runs the newest one.</summary>
    public string? Compared { get; init; }

    /// <summary><c>service</c> (the service's revision, a deployment under way) or <c>latest</c> (registered, not deployed).</summary>
    public string? ComparedRole { get; init; }

    /// <summary>The running revision's relevant fields.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];

    /// <summary>Unified diff, running (-) to compared (+); empty when they agree or nothing is compared.</summary>
    public IReadOnlyList<DiffLine> Diff { get; init; } = [];
}

/// <summary>The container's environment variables.</summary>
public sealed record EnvironmentReport
{
    /// <summary>True when the live values were read through exec.</summary>
    public bool Live { get; init; }

    /// <summary>Why the live values could not be read.</summary>
    public string? LiveUnavailable { get; init; }

    public IReadOnlyList<EnvironmentVariable> Variables { get; init; } = [];
}

/// <summary>One variable, by where it comes from.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Value">As shown (masked unless revealed); null when only the definition's secret reference is known.</param>
/// <param name="Masked">True when something in <paramref name="Value"/> is hidden.</param>
/// <param name="Source"><c>environment</c> (the definition), <c>secret</c> (the definition's secrets) or <c>runtime</c> (only in the live environment).</param>
/// <param name="ValueFrom">For secrets: the Secrets Manager or SSM parameter it is filled from.</param>
/// <param name="DefinitionValue">When the live value differs from the definition's: the definition's (masked alike).</param>
public sealed record EnvironmentVariable(string Name, string? Value, bool Masked, string Source, string? ValueFrom = null, string? DefinitionValue = null);

/// <summary>A configuration file read through exec.</summary>
public sealed record FileReport
{
    public required string Path { get; init; }

    /// <summary>ok, missing, directory, unreadable, or unavailable (no exec).</summary>
    public required string Status { get; init; }

    public long? Size { get; init; }
    public int ShownBytes { get; init; }
    public bool Truncated { get; init; }

    /// <summary>True when the content is not UTF-8 text (then <see cref="Text"/> is null; use cp).</summary>
    public bool Binary { get; init; }

    public string? Text { get; init; }
    public bool Masked { get; init; }
}

/// <summary>A stopped task of the same service: why it stopped and how its containers exited.</summary>
public sealed record StoppedTaskSummary
{
    public required string TaskId { get; init; }
    public string? TaskDefinition { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public string? StopCode { get; init; }
    public string? StoppedReason { get; init; }
    public IReadOnlyList<StoppedContainer> Containers { get; init; } = [];
}

/// <summary>How one container of a stopped task ended.</summary>
public sealed record StoppedContainer(string Name, int? ExitCode, string? Reason);

/// <summary>The container's last log lines.</summary>
public sealed record LogReport
{
    public string? Group { get; init; }
    public string? Stream { get; init; }
    public string? Region { get; init; }
    public IReadOnlyList<LogLine> Lines { get; init; } = [];
    public string? Unavailable { get; init; }
}

/// <summary>One log event.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string Message);
