using EcsOps.Aws.Doctor;

namespace EcsOps.Cli.Rendering;

/// <summary>One doctor check in JSON; <see cref="Status"/> is <c>pass</c>, <c>warn</c> or <c>fail</c>.</summary>
public sealed record DoctorCheckRow(string Id, string Title, string Status, string Detail, string? Fix)
{
    public static DoctorCheckRow From(DoctorCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new DoctorCheckRow(check.Id, check.Title, DoctorReportText.Label(check.Status).ToLowerInvariant(), check.Detail, check.Fix);
    }
}
