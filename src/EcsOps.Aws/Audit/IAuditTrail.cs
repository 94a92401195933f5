namespace EcsOps.Aws.Audit;

/// <summary>
/// The audit trail of EcsOps. Every action that touches a container begins here, before it acts:
/// <code>
/// var run = await trail.BeginAsync(new AuditStart { Action = AuditActions.Exec, Target = AuditTarget.Of(container), ... }, ct);
/// // act, passing run.SsmReason / run.StartedBy / run.Tags to AWS
/// await run.EndAsync(AuditOutcome.FromExitCode(exitCode), ct);
/// </code>
/// </summary>
public interface IAuditTrail
{
    /// <summary>Writes the start event and returns the run. Fails closed: when no sink stores the event (or, with
    /// <c>require: all</c>, when any sink fails), nothing is returned and the caller must not act.</summary>
    /// <exception cref="AuditUnavailableException">The start event was not stored.</exception>
    Task<AuditedRun> BeginAsync(AuditStart start, CancellationToken cancellationToken);
}
