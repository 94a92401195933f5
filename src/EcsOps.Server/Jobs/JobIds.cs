using System.Security.Cryptography;

namespace EcsOps.Server.Jobs;

/// <summary>Run ids: <c>run-</c> and 12 random base32 characters; short enough to type, unique enough to never collide.</summary>
public static class JobIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int RandomLength = 12;

    public static string New() => "run-" + new string(RandomNumberGenerator.GetItems<char>(Alphabet, RandomLength));

    /// <summary>True for text shaped like a run id (checked before it reaches the store or a URL).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 4 + RandomLength } && text.StartsWith("run-", StringComparison.Ordinal) && text[4..].All(Alphabet.Contains);
}
