namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>What <see cref="AuditFileVerifier"/> found.</summary>
/// <param name="EntriesChecked">Entries whose links were checked.</param>
/// <param name="Findings">Breaks in the chain, in file order; empty when the checked part is intact.</param>
/// <param name="UnfinishedBytes">Bytes of an unfinished last line (an interrupted write; the next append drops it).</param>
/// <param name="First">Time of the first checked entry.</param>
/// <param name="Last">Time of the last checked entry.</param>
public sealed record AuditVerification(
    int EntriesChecked, IReadOnlyList<AuditFinding> Findings, long UnfinishedBytes, DateTimeOffset? First, DateTimeOffset? Last)
{
    public bool IsIntact => Findings.Count == 0;
}
