namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>One complete line of the audit file, read as it is.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Bytes">The line's bytes without the newline (what the next line's <c>prev</c> hashes).</param>
/// <param name="Chain">The chain fields; null when the line is not a valid entry.</param>
/// <param name="Event">The event; null when the line is not a valid entry.</param>
public sealed record AuditFileLine(int Number, byte[] Bytes, AuditChainFields? Chain, AuditEvent? Event)
{
    public bool IsValid => Chain is not null && Event is not null;

    /// <summary>The run id for messages; <c>?</c> when the line has none.</summary>
    public string RunIdText => Event?.RunId ?? "?";
}
