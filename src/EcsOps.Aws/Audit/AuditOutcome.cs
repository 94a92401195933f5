namespace EcsOps.Aws.Audit;

/// <summary>How a run ended, for <see cref="AuditedRun.EndAsync"/>.</summary>
/// <param name="Result">ok, failed, refused or interrupted.</param>
/// <param name="ExitCode">The remote exit status, or ecsops's own exit code; null when there is none.</param>
/// <param name="Error">One line saying what went wrong; null on success.</param>
public sealed record AuditOutcome(AuditResult Result, int? ExitCode = null, string? Error = null)
{
    public static AuditOutcome Ok(int? exitCode = 0) => new(AuditResult.Ok, exitCode);

    /// <summary>Ok for 0, failed for anything else.</summary>
    public static AuditOutcome FromExitCode(int exitCode) => new(exitCode == 0 ? AuditResult.Ok : AuditResult.Failed, exitCode);

    public static AuditOutcome Failed(string error, int? exitCode = null) => new(AuditResult.Failed, exitCode, error);

    public static AuditOutcome Refused(string why, int? exitCode = null) => new(AuditResult.Refused, exitCode, why);

    public static AuditOutcome Interrupted(int? exitCode = null) => new(AuditResult.Interrupted, exitCode);
}
