using EcsOps.Server.Audit;

namespace EcsOps.Server.Jobs;

/// <summary>
/// Runs, their output and the service's audit events, in one database shared by every replica. Every state change
/// is one conditional statement, so two replicas can never both move the same run.
/// </summary>
public interface IJobStore : IAsyncDisposable
{
    /// <summary>Creates the tables when missing; safe when several replicas start at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a run; for a ticket already used (same source and id) returns the existing run instead.</summary>
    Task<JobCreation> CreateAsync(JobSpec job, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Job?> GetAsync(string id, CancellationToken cancellationToken);

    Task<Job?> FindByTicketAsync(string source, string ticketId, CancellationToken cancellationToken);

    /// <summary>The newest runs first.</summary>
    Task<IReadOnlyList<Job>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a run waiting for approval to <see cref="JobState.Queued"/> or <see cref="JobState.Denied"/>; null when it
    /// was not waiting (already decided, expired, or unknown).
    /// </summary>
    Task<Job?> DecideAsync(string id, string approver, bool approved, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims the oldest queued run for <paramref name="owner"/> until <paramref name="leaseUntil"/>; null when none.</summary>
    Task<Job?> ClaimNextAsync(string owner, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Extends a claim; false when <paramref name="owner"/> no longer holds it.</summary>
    Task<bool> RenewLeaseAsync(string id, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a claimed run: <see cref="JobState.Succeeded"/>, <see cref="JobState.Failed"/>,
    /// <see cref="JobState.Interrupted"/>, or <see cref="JobState.Queued"/> to run it again; null when <paramref name="owner"/>
    /// no longer holds it.
    /// </summary>
    Task<Job?> ReleaseAsync(
        string id, string owner, JobState state, int? exitCode, string? error, bool outputTruncated, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back a claimed run that was never started (the replica began stopping); false when not held.</summary>
    Task<bool> UnclaimAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Runs whose claim expired (their replica died): idempotent ones go back to the queue, others become
    /// <see cref="JobState.Interrupted"/>. Returns them as they are now.
    /// </summary>
    Task<IReadOnlyList<Job>> RecoverExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Runs waiting for approval since before <paramref name="requestedBefore"/> become <see cref="JobState.Expired"/>.</summary>
    Task<IReadOnlyList<Job>> ExpireApprovalsAsync(DateTimeOffset requestedBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Appends output lines of a run (numbered by the caller, the run's only writer).</summary>
    Task AppendOutputAsync(string id, IReadOnlyList<OutputLine> lines, CancellationToken cancellationToken);

    /// <summary>The output of a run, in order; at most <paramref name="lastLines"/> lines from the end when given.</summary>
    Task<IReadOnlyList<OutputLine>> GetOutputAsync(string id, int? lastLines, CancellationToken cancellationToken);

    Task AppendEventAsync(ServerAuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Events of one run in order, or the newest events of all runs (and refusals) when <paramref name="runId"/> is null.</summary>
    Task<IReadOnlyList<ServerAuditEvent>> ListEventsAsync(string? runId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers a request signature until <paramref name="expires"/>; false when it was already seen (a replay).
    /// Shared by all replicas, and kept across restarts.
    /// </summary>
    Task<bool> RememberSignatureAsync(string key, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets signatures whose window has passed (a replay of them is refused as stale anyway).</summary>
    Task PurgeSignaturesAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
