namespace EcsOps.Aws.Doctor;

/// <summary>A group of related doctor checks; each returns only the checks that apply to the facts.</summary>
public interface IDoctorChecks
{
    Task<IReadOnlyList<DoctorCheck>> RunAsync(DoctorFacts facts, CancellationToken cancellationToken);
}
