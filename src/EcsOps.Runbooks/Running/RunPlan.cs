using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Tasks;
using EcsOps.Runbooks.Parameters;
using EcsOps.Runbooks.Templates;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Everything a run will do, decided before it starts: the container (exec) or the service's task shape (task), the
/// rendered command, the timeout, the lock and whether the command is staged in S3. A dry run shows this and stops.
/// </summary>
public sealed record RunPlan
{
    public required AuditRunId RunId { get; init; }

    public required Runbook Runbook { get; init; }

    public required ParameterValues Parameters { get; init; }

    public required RenderedCommand Command { get; init; }

    /// <summary>Exec: the container the command runs in. Task: a running container of the service, which names the place.</summary>
    public required DiscoveredContainer Target { get; init; }

    /// <summary>Task mode: the service, its task definition and the container to override.</summary>
    public ServiceTaskTemplate? Task { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>The rendered lock scope; null without a lock.</summary>
    public string? LockScope { get; init; }

    /// <summary>The lock scope as shown (secret values masked).</summary>
    public string? LockScopeShown { get; init; }

    /// <summary>The lock object, <c>s3://bucket/key</c>.</summary>
    public string? LockLocation { get; init; }

    /// <summary>
    /// Task mode: where the command is staged because it is over RunTask's 8 KiB or holds secret values; null when it is
    /// passed directly.
    /// </summary>
    public string? StagingUri { get; init; }

    public required string Owner { get; init; }

    /// <summary>Accounts or regions discovery could not search (warnings).</summary>
    public IReadOnlyList<DiscoveryFailure> SearchFailures { get; init; } = [];

    /// <summary>RunTask's <c>startedBy</c> for this run.</summary>
    public string StartedBy => AuditRunMarkers.StartedBy(RunId);
}
