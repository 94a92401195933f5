using EcsOps.Aws.Audit;
using EcsOps.Runbooks.Parameters;

namespace EcsOps.Runbooks.Running;

/// <summary>A run as asked for, its parameters already validated (<see cref="ParameterSchema.Validate"/>).</summary>
public sealed record RunRequest
{
    public required Runbook Runbook { get; init; }

    public required ParameterValues Parameters { get; init; }

    /// <summary>A selector or named target instead of the runbook's own.</summary>
    public string? Target { get; init; }

    /// <summary>A timeout instead of the runbook's own.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The run's id; a new one when null (the server passes the id of its job).</summary>
    public AuditRunId? RunId { get; init; }

    /// <summary>Who starts the run, as the lock and messages name them: the operator's ARN and host, or the server and its requester.</summary>
    public required string Owner { get; init; }

    /// <summary>Ignore the discovery cache.</summary>
    public bool Refresh { get; init; }
}
