using EcsOps.Server.Audit;
using EcsOps.Server.Engine;
using EcsOps.Server.Jobs;
using EcsOps.Server.Policy;

namespace EcsOps.Server.Submissions;

/// <summary>
/// Turns a verified request into a run, the same way for Slack and tickets: ticket retries answered with their run,
/// the engine validates runbook, target and parameters, the policy decides who may and who must approve, and the run
/// is stored and audited. Every refusal is audited; nothing runs unless the request was audited.
/// </summary>
public sealed class RunSubmitter(
    IRunbookCatalog catalog, AccessPolicy policy, IJobStore store, IServerAudit audit, RefusalAudit refusals, JobSignal signal, TimeProvider time)
{
    public async Task<SubmissionResult> SubmitAsync(RunSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var digest = submission.TicketId is null ? null : RequestDigest.Of(submission);
        if (submission is { TicketSource: { } source, TicketId: { } ticket }
            && await store.FindByTicketAsync(source, ticket, cancellationToken) is { } earlier)
        {
            return await SameTicketAsync(submission, earlier, digest!, cancellationToken);
        }

        var check = catalog.Check(new RunbookRequest(submission.Runbook, submission.Target, submission.Parameters));
        if (check.Run is not { } run)
        {
            return await RefuseAsync(submission, new Refusal(check.Refusal!.Value, check.Problem!), submission.Target, cancellationToken);
        }

        var decision = policy.Decide(submission.Requester, run.Runbook, run.Target);
        if (!decision.Allowed)
        {
            return await RefuseAsync(
                submission,
                new Refusal(RefusalKind.NotAllowed, $"{submission.Requester} may not run {run.Runbook} on {run.Target} (no rule in server.rules allows it)"),
                run.Target,
                cancellationToken);
        }

        if (run.RequiresApproval && !decision.RequiresApproval)
        {
            return await RefuseAsync(
                submission,
                new Refusal(RefusalKind.NotAllowed,
                    $"runbook {run.Runbook} requires approval, but the rule that allows it (ecsops.yaml line {decision.Rule!.Line}) names no approvers"),
                run.Target,
                cancellationToken);
        }

        if (ApprovalProblem(submission, decision) is { } approvalProblem)
        {
            return await RefuseAsync(submission, approvalProblem, run.Target, cancellationToken);
        }

        var waits = decision.RequiresApproval && submission.Approver is null;
        var spec = new JobSpec
        {
            Id = JobIds.New(time),
            Runbook = run.Runbook,
            Target = run.Target,
            Parameters = run.Parameters,
            SecretParameters = run.SecretParameters,
            Channel = submission.Channel,
            Requester = submission.Requester.Value,
            RequesterName = submission.RequesterName,
            TicketSource = submission.TicketSource,
            TicketId = submission.TicketId,
            RequestDigest = digest,
            Approvers = decision.Approvers,
            Approver = submission.Approver?.Value,
            Idempotent = run.Idempotent,
            State = waits ? JobState.PendingApproval : JobState.Queued,
            ResponseUrl = submission.ResponseUrl,
        };

        // Audited before it is stored: no worker can see the run before its request (and approval) is on record.
        try
        {
            await RecordAsync(ServerAuditKinds.RunRequested, spec, spec.Requester, spec.TicketId is { } ticketId ? "ticket " + ticketId : null, cancellationToken);
            if (spec.Approver is { } approver)
            {
                await RecordAsync(ServerAuditKinds.RunApproved, spec, approver, $"approved in {spec.Channel}", cancellationToken);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return SubmissionResult.Refused(new Refusal(
                RefusalKind.AuditUnavailable, "the request could not be audited, so the run will not happen: " + error.Message));
        }

        var creation = await store.CreateAsync(spec, time.GetUtcNow(), cancellationToken);
        if (!creation.Created)
        {
            // Another request for the same ticket was stored between our lookup and our insert: this id never ran.
            await refusals.RecordAsync(
                ServerAuditKinds.RequestRefused, spec.Channel, spec.Requester,
                new Refusal(RefusalKind.TicketConflict, $"ticket {spec.TicketId} already has run {creation.Job.Id}; this request was not stored"),
                spec.Runbook, spec.Target, spec.Id, cancellationToken);
            return await SameTicketAsync(submission, creation.Job, digest!, cancellationToken);
        }

        var job = creation.Job;
        if (job.State == JobState.Queued)
        {
            signal.Wake();
        }

        return SubmissionResult.Accepted(job, existing: false);
    }

    /// <summary>What stops a run whose rule needs approval: a ticket without a valid approver (Slack runs wait for buttons).</summary>
    private Refusal? ApprovalProblem(RunSubmission submission, AccessDecision decision)
    {
        if (!decision.RequiresApproval)
        {
            return null;
        }

        var approvers = string.Join(", ", decision.Approvers);
        if (submission.Approver is not { } approver)
        {
            return submission.TicketSource is null
                ? null
                : new Refusal(RefusalKind.ApprovalMissing, $"{submission.Runbook} needs approval by one of {approvers}; the ticket names no approver");
        }

        if (approver == submission.Requester)
        {
            return new Refusal(RefusalKind.SelfApproval, "the approver must not be the requester");
        }

        return policy.MayApprove(approver, decision.Approvers)
            ? null
            : new Refusal(RefusalKind.ApproverNotAllowed, $"{approver} may not approve {submission.Runbook} (approvers: {approvers})");
    }

    private async Task<SubmissionResult> SameTicketAsync(RunSubmission submission, Job earlier, string digest, CancellationToken cancellationToken)
    {
        if (earlier.RequestDigest == digest)
        {
            return SubmissionResult.Accepted(earlier, existing: true);
        }

        return await RefuseAsync(
            submission,
            new Refusal(RefusalKind.TicketConflict, $"ticket {submission.TicketId} was already used for run {earlier.Id} with a different request"),
            submission.Target,
            cancellationToken);
    }

    private async Task<SubmissionResult> RefuseAsync(RunSubmission submission, Refusal refusal, string? target, CancellationToken cancellationToken)
    {
        await refusals.RecordAsync(
            ServerAuditKinds.RequestRefused, submission.Channel, submission.Requester.Value, refusal, submission.Runbook, target, null, cancellationToken);
        return SubmissionResult.Refused(refusal);
    }

    private Task RecordAsync(string kind, JobSpec job, string actor, string? detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new ServerAuditEvent
            {
                At = time.GetUtcNow(),
                Kind = kind,
                RunId = job.Id,
                Channel = job.Channel,
                Actor = actor,
                Runbook = job.Runbook,
                Target = job.Target,
                Detail = detail,
            },
            cancellationToken);
}
