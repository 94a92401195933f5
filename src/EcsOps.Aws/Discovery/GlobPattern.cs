namespace EcsOps.Aws.Discovery;

/// <summary>
/// A name pattern where <c>*</c> matches any run of characters and <c>?</c> exactly one; everything else matches
/// itself (ordinal, case-sensitive, as AWS names are). Matching is linear in practice and never backtracks
/// more than one star, so a hostile pattern cannot stall discovery.
/// </summary>
public sealed record GlobPattern
{
    private GlobPattern(string text) => Text = text;

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>True when the pattern has no wildcard and so names exactly one thing.</summary>
    public bool IsLiteral => Text.AsSpan().IndexOfAny('*', '?') < 0;

    /// <summary>True when the pattern matches every name (<c>*</c>, <c>**</c>…).</summary>
    public bool MatchesEverything => Text.Length > 0 && Text.AsSpan().IndexOfAnyExcept('*') < 0;

    /// <summary>The pattern; any string is a valid pattern.</summary>
    public static GlobPattern Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GlobPattern(text);
    }

    /// <summary>True when <paramref name="candidate"/> matches the whole pattern.</summary>
    public bool Matches(string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }

        var pattern = Text.AsSpan();
        var text = candidate.AsSpan();
        int p = 0, t = 0, starAt = -1, resumeAt = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]) && pattern[p] != '*')
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starAt = p++;
                resumeAt = t;
            }
            else if (starAt >= 0)
            {
                p = starAt + 1;
                t = ++resumeAt;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public override string ToString() => Text;
}
