using EcsOps.Aws.Audit;
using EcsOps.Runbooks.Running;

namespace EcsOps.Server.Engine;

/// <summary>
/// The audit trail's view of one job: the run's start event (with the container the engine resolved, the masked
/// parameters, the requester and the approver) is written after the lock is held and before anything reaches the
/// target; if it cannot be written, the engine does not run it. The end event follows with how it ended.
/// </summary>
public sealed class AuditedJobObserver(IAuditTrail trail, JobRun job) : IRunObserver
{
    private AuditedRun? _run;

    public async Task RunStartingAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _run = await trail.BeginAsync(
            new AuditStart
            {
                Action = AuditActions.Run,
                Command = plan.Runbook.Name,
                Parameters = plan.Parameters.Values,
                SecretParameters = [.. plan.Parameters.SecretNames],
                Target = AuditTarget.Of(plan.Target),
                Reason = job.Reason,
                Requester = job.Requester,
                Approver = job.Approver,
                RunId = AuditRunId.TryParse(plan.RunId.Value, out var id) ? id : null,
            },
            cancellationToken);
    }

    public async Task RunEndedAsync(RunPlan plan, RunResult? result, Exception? error, CancellationToken cancellationToken)
    {
        if (_run is not { } run)
        {
            return;
        }

        var outcome = (result, error) switch
        {
            ({ Outcome: RunOutcome.Completed } completed, _) => AuditOutcome.FromExitCode(completed.ExitCode),
            ({ Outcome: RunOutcome.TimedOut } timedOut, _) => AuditOutcome.Failed("stopped after the runbook's timeout", timedOut.ExitCode),
            ({ } interrupted, _) => AuditOutcome.Interrupted(interrupted.ExitCode),
            (_, OperationCanceledException) => AuditOutcome.Interrupted(),
            (_, { } failure) => AuditOutcome.Failed(failure.Message),
            _ => AuditOutcome.Failed("the run ended without a result"),
        };
        await run.EndAsync(outcome, cancellationToken);
    }
}
