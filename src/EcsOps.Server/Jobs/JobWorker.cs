using System.Security.Cryptography;
using EcsOps.Aws.Config.Server;
using EcsOps.Server.Audit;
using EcsOps.Server.Engine;

namespace EcsOps.Server.Jobs;

/// <summary>
/// This replica's workers: claim queued runs (up to <see cref="ServerConfig.Workers"/> at once), run them, renew their
/// leases while they run, and record how they ended. Every poll also recovers runs whose replica died (expired
/// leases), expires old approval requests and forgets old request signatures. On shutdown it stops claiming, lets
/// running jobs go on for <see cref="ServerConfig.ShutdownGrace"/>, then stops them: idempotent runs go back to the
/// queue, others end interrupted. A run's start is audited before it runs; if that fails, it does not run.
/// </summary>
public sealed partial class JobWorker(
    IJobStore store,
    IJobRunner runner,
    IServerAudit audit,
    IRunNotifier notifier,
    JobSignal signal,
    ServerConfig config,
    TimeProvider time,
    ILogger<JobWorker> log) : BackgroundService
{
    private readonly CancellationTokenSource _stopRuns = new();

    /// <summary>This replica's name on its leases.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public override void Dispose()
    {
        _stopRuns.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Store calls take no cancellation: a statement cancelled after it committed would leave a run claimed
                // (or recovered) with nobody acting on it.
                await MaintainAsync();
                running.RemoveAll(task => task.IsCompleted);
                while (running.Count < config.Workers && !stoppingToken.IsCancellationRequested
                       && await store.ClaimNextAsync(Owner, time.GetUtcNow() + config.Lease, time.GetUtcNow(), CancellationToken.None) is { } job)
                {
                    running.Add(RunAsync(job, stoppingToken));
                }

                await WaitForWorkAsync(running, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                // The store is unreachable or failing; try again after a poll interval rather than stopping the service.
                LogLoopFailed(log, error);
                await Task.Delay(config.PollInterval, time, CancellationToken.None);
            }
        }

        await DrainAsync(running);
    }

    private async Task WaitForWorkAsync(List<Task> running, CancellationToken stoppingToken)
    {
        var woken = signal.WaitAsync(config.PollInterval, stoppingToken);
        if (running.Count < config.Workers)
        {
            await woken;
            return;
        }

        // Full: wait for a run to end (or the poll, which also recovers expired leases).
        await Task.WhenAny([woken, .. running]);
    }

    private async Task DrainAsync(List<Task> running)
    {
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(config.ShutdownGrace, time)) != all)
        {
            await _stopRuns.CancelAsync();
        }

        await all;
    }

    private async Task MaintainAsync()
    {
        var now = time.GetUtcNow();
        foreach (var recovered in await store.RecoverExpiredAsync(now, CancellationToken.None))
        {
            await EndedAsync(recovered, recovered.State == JobState.Queued ? ServerAuditKinds.RunRequeued : ServerAuditKinds.RunInterrupted);
        }

        foreach (var expired in await store.ExpireApprovalsAsync(now - config.ApprovalTimeout, now, CancellationToken.None))
        {
            await EndedAsync(expired, ServerAuditKinds.RunExpired);
        }

        await store.PurgeSignaturesAsync(now, CancellationToken.None);
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        // Off the claim loop's thread at once: a runner may do blocking work before its first await.
        await Task.Yield();
        if (stoppingToken.IsCancellationRequested)
        {
            // Claimed as the service began to stop: it never started, so it goes back to the queue as it was.
            await UnclaimAsync(job);
            return;
        }

        using var stopThisRun = CancellationTokenSource.CreateLinkedTokenSource(_stopRuns.Token);
        try
        {
            await RecordAsync(ServerAuditKinds.RunStarted, job, $"attempt {job.Attempts} on {Owner}", exitCode: null);
        }
        catch (Exception auditFailure) when (auditFailure is not OperationCanceledException)
        {
            await ReleaseAsync(job, JobState.Failed, null, "the start could not be audited, so the run did not happen: " + auditFailure.Message, false);
            return;
        }

        await NotifyAsync(() => notifier.RunStartedAsync(job, CancellationToken.None));
        var previous = job.Attempts > 1 ? await store.GetOutputAsync(job.Id, lastLines: 1, CancellationToken.None) : [];
        var output = new StoredJobOutput(store, job.Id, previous.Count > 0 ? previous[0].Sequence + 1 : 0);
        var leaseLost = false;
        var renewal = RenewLeaseAsync(job, () => leaseLost = true, stopThisRun);
        JobState state;
        int? exitCode = null;
        string? error = null;
        try
        {
            if (job.Attempts > 1)
            {
                output.WriteLine(OutputStream.Info, $"[ecsops: attempt {job.Attempts}; the previous one was interrupted]");
            }

            exitCode = await runner.RunAsync(
                new JobRun(job.Id, job.Runbook, job.Target, job.Parameters, job.Requester, job.Approver, job.Channel, job.TicketId)
                {
                    SecretParameters = job.SecretParameters,
                },
                output,
                stopThisRun.Token);
            state = exitCode == 0 ? JobState.Succeeded : JobState.Failed;
        }
        catch (OperationCanceledException) when (stopThisRun.IsCancellationRequested)
        {
            state = job.Idempotent ? JobState.Queued : JobState.Interrupted;
            error = leaseLost
                ? "the run's lease was lost (the store was unreachable), so it was stopped"
                : "the service stopped while the run was in progress" + (job.Idempotent ? "; it is queued again (idempotent runbook)" : "");
        }
        catch (JobRunnerException failure)
        {
            state = JobState.Failed;
            error = failure.Message;
        }
        catch (Exception failure)
        {
            LogRunnerCrashed(log, failure, job.Id);
            state = JobState.Failed;
            error = "the runner failed: " + failure.Message;
        }
        finally
        {
            await stopThisRun.CancelAsync();
            await renewal;
        }

        var truncated = false;
        try
        {
            await output.DisposeAsync();
            truncated = output.Truncated;
        }
        catch (Exception failure)
        {
            LogOutputLost(log, failure, job.Id);
        }

        await ReleaseAsync(job, state, exitCode, error, truncated);
    }

    private async Task UnclaimAsync(Job job)
    {
        try
        {
            await store.UnclaimAsync(job.Id, Owner, CancellationToken.None);
        }
        catch (Exception failure)
        {
            // The lease expires and the run is recovered as if this replica had died.
            LogReleaseFailed(log, failure, job.Id);
        }
    }

    private async Task RenewLeaseAsync(Job job, Action onLost, CancellationTokenSource run)
    {
        try
        {
            while (!run.IsCancellationRequested)
            {
                await Task.Delay(config.Lease / 3, time, run.Token);
                if (!await store.RenewLeaseAsync(job.Id, Owner, time.GetUtcNow() + config.Lease, run.Token))
                {
                    onLost();
                    await run.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            // Keep running: the lease is still ours until it expires; the next renewal may succeed.
            LogRenewFailed(log, error, job.Id);
        }
    }

    private async Task ReleaseAsync(Job job, JobState state, int? exitCode, string? error, bool truncated)
    {
        Job? released;
        try
        {
            released = await store.ReleaseAsync(job.Id, Owner, state, exitCode, error, truncated, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception failure)
        {
            // The lease expires and another poll (here or on another replica) recovers the run.
            LogReleaseFailed(log, failure, job.Id);
            return;
        }

        if (released is null)
        {
            LogLeaseLost(log, job.Id);
            return;
        }

        await EndedAsync(released, state switch
        {
            JobState.Queued => ServerAuditKinds.RunRequeued,
            JobState.Interrupted => ServerAuditKinds.RunInterrupted,
            _ => ServerAuditKinds.RunFinished,
        });
    }

    private async Task EndedAsync(Job job, string kind)
    {
        try
        {
            await RecordAsync(kind, job, $"{job.State.Name()}{(job.Error is { } e ? ": " + e : "")}", job.ExitCode);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The run already happened; the event is lost, and the service log says so.
            LogAuditLost(log, failure, job.Id, kind);
        }

        await NotifyAsync(() => notifier.RunEndedAsync(job, CancellationToken.None));
    }

    private Task RecordAsync(string kind, Job job, string detail, int? exitCode) =>
        audit.RecordAsync(
            new ServerAuditEvent
            {
                At = time.GetUtcNow(),
                Kind = kind,
                RunId = job.Id,
                Channel = job.Channel,
                Actor = "ecsops",
                Runbook = job.Runbook,
                Target = job.Target,
                Detail = detail,
                ExitCode = exitCode,
            },
            CancellationToken.None);

    private async Task NotifyAsync(Func<Task> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception failure)
        {
            LogNotifyFailed(log, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "the job loop failed; retrying after the poll interval")]
    private static partial void LogLoopFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "run {RunId}: the runner failed")]
    private static partial void LogRunnerCrashed(ILogger logger, Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "run {RunId}: some output could not be stored")]
    private static partial void LogOutputLost(ILogger logger, Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: renewing the lease failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "run {RunId}: recording the end failed; the lease will expire and the run be recovered")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: this replica no longer held the lease when the run ended")]
    private static partial void LogLeaseLost(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "run {RunId}: the {Kind} audit event could not be written")]
    private static partial void LogAuditLost(ILogger logger, Exception error, string runId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not notify the requester")]
    private static partial void LogNotifyFailed(ILogger logger, Exception error);
}
