using System.Security.Cryptography;

namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>
/// The hash chain of the audit file: each line carries the SHA-256 (lower-case hex) of the exact bytes of the line
/// before it, newline excluded; the first line carries <see cref="Genesis"/>. Changing, removing, inserting or
/// moving a line therefore breaks the link to the line after it.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first entry of a file chains to: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash the next line must carry.</summary>
    public static string Hash(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));
}
