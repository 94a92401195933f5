using EcsOps.Aws.Doctor;

namespace EcsOps.Cli.Rendering;

/// <summary><c>ecsops doctor --output json</c>: the container examined, whether nothing failed, and every check.</summary>
public sealed record DoctorReportRow
{
    public required ContainerRow Target { get; init; }

    /// <summary>True when no check failed (the exit status is then 0).</summary>
    public required bool Ok { get; init; }

    public required IReadOnlyList<DoctorCheckRow> Checks { get; init; }

    public static DoctorReportRow From(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new DoctorReportRow
        {
            Target = ContainerRow.From(report.Container),
            Ok = !report.HasFailures,
            Checks = report.Checks.Select(DoctorCheckRow.From).ToList(),
        };
    }
}
