namespace EcsOps.Aws.Audit;

/// <summary>The fields the audit file puts in front of each event: its position and the previous line's hash.</summary>
/// <param name="Seq">1 for the first entry of the file, then one more per entry.</param>
/// <param name="Prev">Lower-case hex SHA-256 of the previous line's bytes (without its newline); <see cref="Jsonl.AuditChain.Genesis"/> for the first.</param>
/// <param name="DroppedBytes">Set when this append found an unfinished line (a write cut short by a crash) and removed it.</param>
public sealed record AuditChainFields(long Seq, string Prev, long? DroppedBytes = null);
