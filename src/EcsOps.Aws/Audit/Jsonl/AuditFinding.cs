namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>One place where the audit file's chain is broken.</summary>
/// <param name="Line">The 1-based line the finding is about.</param>
/// <param name="RunId">That line's run id; <c>?</c> when it has none.</param>
/// <param name="Message">What is wrong there.</param>
public sealed record AuditFinding(int Line, string RunId, string Message)
{
    public override string ToString() => $"line {Line} (run {RunId}): {Message}";
}
