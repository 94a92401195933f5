namespace EcsOps.Server.Jobs;

/// <summary>One run as the store holds it: the <see cref="JobSpec"/> and what happened to it since.</summary>
public sealed record Job : JobSpec
{
    public int? ExitCode { get; init; }

    /// <summary>Why a run failed without an exit code, was interrupted, denied or expired.</summary>
    public string? Error { get; init; }

    /// <summary>How many times a worker started it (more than one only for idempotent runs after an interruption).</summary>
    public int Attempts { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpires { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? QueuedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True when output beyond the stored limit was dropped.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>From start to finish, or to <paramref name="now"/> while running; null before it started.</summary>
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is { } started ? (FinishedAt ?? now) - started : null;
}
