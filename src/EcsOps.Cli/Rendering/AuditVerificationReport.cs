using EcsOps.Aws.Audit.Jsonl;

namespace EcsOps.Cli.Rendering;

/// <summary>The JSON of <c>audit verify --output json</c>.</summary>
public sealed record AuditVerificationReport(
    string File, bool Intact, int Entries, IReadOnlyList<AuditFinding> Findings, long UnfinishedBytes, DateTimeOffset? First, DateTimeOffset? Last)
{
    public static AuditVerificationReport From(string file, AuditVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new(file, verification.IsIntact, verification.EntriesChecked, verification.Findings, verification.UnfinishedBytes, verification.First, verification.Last);
    }
}
