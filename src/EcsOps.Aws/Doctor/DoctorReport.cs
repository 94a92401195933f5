using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Doctor;

/// <summary>Everything <see cref="ExecDoctor"/> found about one container, checks in a fixed order.</summary>
public sealed record DoctorReport(DiscoveredContainer Container, IReadOnlyList<DoctorCheck> Checks)
{
    /// <summary>True when at least one check failed: ECS Exec cannot work as things are.</summary>
    public bool HasFailures => Checks.Any(c => c.Status == DoctorStatus.Fail);

    /// <summary>The warnings and failures, for the short report after a failed session.</summary>
    public IReadOnlyList<DoctorCheck> Problems => Checks.Where(c => c.Status != DoctorStatus.Pass).ToList();
}
