using EcsOps.Aws.Audit;
using EcsOps.Aws.Locks;

namespace EcsOps.Runbooks.Running;

/// <summary>The end of a run.</summary>
public sealed record RunResult
{
    /// <summary>What a run stopped by its timeout exits with (as timeout(1)).</summary>
    public const int TimedOutExitCode = 124;

    /// <summary>What a run stopped by Ctrl-C exits with (128 + SIGINT).</summary>
    public const int InterruptedExitCode = 130;

    public required AuditRunId RunId { get; init; }

    /// <summary>The command's exit code (exec: the remote process; task: the container), or 124/130 for a stopped run.</summary>
    public required int ExitCode { get; init; }

    public required RunOutcome Outcome { get; init; }

    /// <summary>The one-off task of a task-mode run.</summary>
    public string? TaskArn { get; init; }

    /// <summary>A stale lock of another run this run took over; null when the scope was free or there is no lock.</summary>
    public LockRecord? LockTakenOverFrom { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }
}
