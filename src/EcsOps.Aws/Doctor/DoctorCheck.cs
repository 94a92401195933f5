namespace EcsOps.Aws.Doctor;

/// <summary>One finding of <see cref="ExecDoctor"/>: what was checked, the verdict, what was seen and what to do.</summary>
/// <param name="Id">Stable name for scripts, e.g. <c>exec-enabled</c>.</param>
/// <param name="Title">What was checked, a few words.</param>
/// <param name="Detail">What was found, one sentence.</param>
/// <param name="Fix">What to do about a warning or failure (a command when there is one); null when it passes.</param>
public sealed record DoctorCheck(string Id, string Title, DoctorStatus Status, string Detail, string? Fix = null)
{
    public static DoctorCheck Pass(string id, string title, string detail) => new(id, title, DoctorStatus.Pass, detail);

    public static DoctorCheck Warn(string id, string title, string detail, string fix) => new(id, title, DoctorStatus.Warn, detail, fix);

    public static DoctorCheck Fail(string id, string title, string detail, string fix) => new(id, title, DoctorStatus.Fail, detail, fix);

    /// <summary>A check that could not be made because an AWS call failed: a warning naming the error.</summary>
    public static DoctorCheck Unknown(string id, string title, Exception error, string fix)
    {
        ArgumentNullException.ThrowIfNull(error);
        var why = error is Http.AwsServiceException aws ? $"{aws.ErrorCode}: {aws.Message}" : error.Message;
        return new(id, title, DoctorStatus.Warn, $"unknown, the check failed ({why.TrimEnd('.')})", fix);
    }
}
