using System.Collections.Concurrent;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Discovery;
using EcsOps.Runbooks.Parameters;

namespace EcsOps.Runbooks.Running;

/// <summary>
/// Records runbook runs in the audit trail: the start event (action <c>run</c>, the runbook's name as the command, its
/// parameters with secret ones masked, the target, the plan's run id so RunTask's <c>startedBy</c> and the trail agree)
/// before the run touches its target, and the end event with the exit code. Fails closed: when the start event is not
/// stored, <see cref="AuditUnavailableException"/> leaves <see cref="RunbookEngine.ExecuteAsync"/> and nothing runs.
/// </summary>
public sealed class AuditRunObserver : IRunObserver
{
    private readonly IAuditTrail _trail;
    private readonly AuditRunDetails _details;
    private readonly ConcurrentDictionary<AuditRunId, AuditedRun> _runs = new();

    public AuditRunObserver(IAuditTrail trail, AuditRunDetails? details = null)
    {
        ArgumentNullException.ThrowIfNull(trail);
        _trail = trail;
        _details = details ?? new AuditRunDetails();
    }

    /// <exception cref="AuditUnavailableException">The start event was not stored; the run must not start.</exception>
    public async Task RunStartingAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var run = await _trail.BeginAsync(StartOf(plan.Runbook, plan.Parameters.Values, plan.Parameters.SecretNames, plan.Target, plan.RunId), cancellationToken);
        _runs[plan.RunId] = run;
    }

    /// <exception cref="AuditUnavailableException">The end event was not stored (the engine warns and keeps the result).</exception>
    public async Task RunEndedAsync(RunPlan plan, RunResult? result, Exception? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_runs.TryRemove(plan.RunId, out var run))
        {
            await run.EndAsync(OutcomeOf(plan, result, error), cancellationToken);
        }
    }

    /// <summary>
    /// A run refused before it started (its lock is held, it needs an approval the caller cannot give): a start event and
    /// an end event saying <c>refused</c> and why, so the attempt is on record. The target is null when it was not resolved.
    /// </summary>
    /// <exception cref="AuditUnavailableException">The events were not stored.</exception>
    public async Task RecordRefusedAsync(
        Runbook runbook, ParameterValues parameters, DiscoveredContainer? target, AuditRunId? runId, string why, int exitCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        ArgumentNullException.ThrowIfNull(parameters);
        var run = await _trail.BeginAsync(StartOf(runbook, parameters.Values, parameters.SecretNames, target, runId), cancellationToken);
        await run.EndAsync(AuditOutcome.Refused(why, exitCode), cancellationToken);
    }

    private AuditStart StartOf(
        Runbook runbook, IReadOnlyDictionary<string, string> values, IReadOnlySet<string> secretNames, DiscoveredContainer? target, AuditRunId? runId) => new()
    {
        Action = AuditActions.Run,
        Command = runbook.Name,
        Parameters = values,
        SecretParameters = [.. secretNames],
        Target = target is null ? null : AuditTarget.Of(target),
        Reason = _details.Reason,
        Requester = _details.Requester,
        Approver = _details.Approver,
        RunId = runId,
    };

    private static AuditOutcome OutcomeOf(RunPlan plan, RunResult? result, Exception? error)
    {
        if (result is not null)
        {
            return result.Outcome switch
            {
                RunOutcome.TimedOut => AuditOutcome.Failed($"timed out after {Durations.Format(plan.Timeout)}", result.ExitCode),
                RunOutcome.Interrupted => AuditOutcome.Interrupted(result.ExitCode),
                _ => AuditOutcome.FromExitCode(result.ExitCode),
            };
        }

        return error is OperationCanceledException
            ? AuditOutcome.Interrupted(RunResult.InterruptedExitCode)
            : AuditOutcome.Failed(error?.Message ?? "the run ended without a result");
    }
}
