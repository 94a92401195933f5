using EcsOps.Server.Audit;
using EcsOps.Server.Jobs;
using EcsOps.Server.Policy;
using EcsOps.Server.Submissions;

namespace EcsOps.Server.Approvals;

/// <summary>
/// Approves or denies a run waiting for approval. The approver must not be the requester and must match the
/// approvers of the rule that allows the run under the current policy (a run the policy no longer allows cannot be
/// approved). The decision is audited before it takes effect; attempts that do not count are audited too.
/// </summary>
public sealed class RunApprovals(IJobStore store, AccessPolicy policy, IServerAudit audit, RefusalAudit refusals, JobSignal signal, TimeProvider time)
{
    public async Task<ApprovalResult> DecideAsync(string runId, Principal approver, bool approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var job = JobIds.IsWellFormed(runId) ? await store.GetAsync(runId, cancellationToken) : null;
        if (job is null)
        {
            return await RefuseAsync(null, approver, new Refusal(RefusalKind.UnknownRun, $"there is no run {runId}"), cancellationToken);
        }

        if (job.State != JobState.PendingApproval)
        {
            return await RefuseAsync(job, approver, AlreadyDecided(job), cancellationToken);
        }

        if (approver.Value == job.Requester)
        {
            return await RefuseAsync(
                job, approver, new Refusal(RefusalKind.SelfApproval, "you asked for this run, so someone else must approve or deny it"), cancellationToken);
        }

        var decision = policy.Decide(Principal.FromStored(job.Requester), job.Runbook, job.Target);
        if (!decision.Allowed)
        {
            return await RefuseAsync(
                job, approver, new Refusal(RefusalKind.NotAllowed, $"the policy no longer allows {job.Requester} to run {job.Runbook} on {job.Target}"), cancellationToken);
        }

        var approvers = decision.RequiresApproval ? decision.Approvers : job.Approvers;
        if (!policy.MayApprove(approver, approvers))
        {
            return await RefuseAsync(
                job, approver,
                new Refusal(RefusalKind.ApproverNotAllowed, $"{approver} may not decide on {job.Runbook} runs (approvers: {string.Join(", ", approvers)})"),
                cancellationToken);
        }

        try
        {
            await audit.RecordAsync(
                new ServerAuditEvent
                {
                    At = time.GetUtcNow(),
                    Kind = approve ? ServerAuditKinds.RunApproved : ServerAuditKinds.RunDenied,
                    RunId = job.Id,
                    Channel = job.Channel,
                    Actor = approver.Value,
                    Requester = job.Requester,
                    Runbook = job.Runbook,
                    Target = job.Target,
                    Detail = $"requested by {job.Requester}",
                },
                cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new ApprovalResult(null, new Refusal(RefusalKind.AuditUnavailable, "the decision could not be audited, so it was not applied: " + error.Message));
        }

        var decided = await store.DecideAsync(job.Id, approver.Value, approve, time.GetUtcNow(), cancellationToken);
        if (decided is null)
        {
            // Someone else decided between our read and our update.
            var now = await store.GetAsync(job.Id, cancellationToken) ?? job;
            return new ApprovalResult(null, AlreadyDecided(now));
        }

        if (approve)
        {
            signal.Wake();
        }

        return new ApprovalResult(decided, null);
    }

    private static Refusal AlreadyDecided(Job job) =>
        new(RefusalKind.AlreadyDecided, $"run {job.Id} is not waiting for approval (it is {job.State.Name()}{(job.Approver is { } by ? ", decided by " + by : "")})");

    private async Task<ApprovalResult> RefuseAsync(Job? job, Principal approver, Refusal refusal, CancellationToken cancellationToken)
    {
        await refusals.RecordAsync(
            ServerAuditKinds.ApprovalRefused, job?.Channel ?? "slack", approver.Value, refusal, job?.Runbook, job?.Target, job?.Id, cancellationToken);
        return new ApprovalResult(null, refusal);
    }
}
