namespace EcsOps.Aws.Audit;

/// <summary>What a command tells the audit trail before it acts (<see cref="IAuditTrail.BeginAsync"/>).</summary>
public sealed record AuditStart
{
    /// <summary>The kind of action, one of <see cref="AuditActions"/> or a new word.</summary>
    public required string Action { get; init; }

    /// <summary>The command line or runbook name; secrets in it are masked on the way in.</summary>
    public string? Command { get; init; }

    /// <summary>Named parameters; values of secret-looking names and of <see cref="SecretParameters"/> are masked.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Parameters that are secret whatever their names say (a runbook's <c>secret: true</c> parameters).</summary>
    public IReadOnlyCollection<string>? SecretParameters { get; init; }

    public AuditTarget? Target { get; init; }

    /// <summary>Why, in the operator's words.</summary>
    public string? Reason { get; init; }

    /// <summary>Who asked when the caller acts for someone (<c>ecsops serve</c>: the Slack user or the ticket).</summary>
    public string? Requester { get; init; }

    /// <summary>Who approved the request.</summary>
    public string? Approver { get; init; }

    /// <summary>The run id to use (a job id the service made when the request arrived); a new one when null.</summary>
    public AuditRunId? RunId { get; init; }
}
