using System.Security.Cryptography;

namespace EcsOps.Server.Jobs;

/// <summary>
/// Run ids in the form the runbook engine and the audit trail use, so one id names a run everywhere (the job, its
/// audit events, the SSM session reason, RunTask's startedBy): a ULID, 26 characters of Crockford base32, the first
/// ten the creation time in milliseconds, the rest random. Later ids sort after earlier ones.
/// </summary>
public static class JobIds
{
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int TimeLength = 10;

    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Span<char> text = stackalloc char[Length];
        var milliseconds = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = TimeLength - 1; i >= 0; i--, milliseconds >>= 5)
        {
            text[i] = Alphabet[(int)(milliseconds & 31)];
        }

        // 80 random bits, 5 per character.
        RandomNumberGenerator.GetItems(Alphabet, text[TimeLength..]);
        return new string(text);
    }

    /// <summary>True for text shaped like a run id (checked before it reaches the store or a URL).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text[0] <= '7' && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
