using EcsOps.Aws.Audit;

namespace EcsOps.Server.Jobs;

/// <summary>
/// A job's id is its run id in the audit trail and the runbook engine (<see cref="AuditRunId"/>, a ULID), so one id
/// names the run everywhere: the job, its audit events, RunTask's <c>startedBy</c>, the lock record.
/// </summary>
public static class JobIds
{
    public static string New(TimeProvider time) => AuditRunId.New(time).Value;

    /// <summary>True for a run id as the service writes it (upper case), checked before it reaches the store or a URL.</summary>
    public static bool IsWellFormed(string? text) => AuditRunId.TryParse(text, out var id) && id.Value == text;
}
