namespace EcsOps.Cli.Targeting;

/// <summary>
/// fzf-style matching of what the operator types against a candidate's label: every space-separated word of the query
/// must appear in the label as a subsequence (letters in order, gaps allowed), case-insensitively. Tighter matches score
/// higher: consecutive letters, letters at the start of a word (after / - _ . or a space), an early first letter.
/// </summary>
public static class FuzzyMatch
{
    private const int LetterScore = 1;
    private const int ConsecutiveBonus = 4;
    private const int WordStartBonus = 3;

    /// <summary>The score and the matched positions of the label, or null when a word of the query does not occur.</summary>
    public static (int Score, IReadOnlySet<int> Positions)? Match(string query, string label)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(label);
        var positions = new HashSet<int>();
        var score = 0;
        foreach (var word in query.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (MatchWord(word, label, positions) is not { } wordScore)
            {
                return null;
            }

            score += wordScore;
        }

        return (score, positions);
    }

    /// <summary>The best-scoring placement of one word, greedy from each possible first letter.</summary>
    private static int? MatchWord(string word, string label, HashSet<int> positions)
    {
        int? best = null;
        List<int>? bestPositions = null;
        for (var start = 0; start < label.Length; start++)
        {
            if (!SameLetter(label[start], word[0]))
            {
                continue;
            }

            var placed = new List<int> { start };
            var at = start + 1;
            for (var i = 1; i < word.Length && at <= label.Length; i++)
            {
                while (at < label.Length && !SameLetter(label[at], word[i]))
                {
                    at++;
                }

                if (at == label.Length)
                {
                    break;
                }

                placed.Add(at++);
            }

            if (placed.Count < word.Length)
            {
                break;
            }

            var score = Score(label, placed);
            if (best is null || score > best)
            {
                best = score;
                bestPositions = placed;
            }
        }

        if (bestPositions is not null)
        {
            positions.UnionWith(bestPositions);
        }

        return best;
    }

    private static int Score(string label, List<int> placed)
    {
        var score = 0;
        for (var i = 0; i < placed.Count; i++)
        {
            var position = placed[i];
            score += LetterScore;
            if (i > 0 && placed[i - 1] == position - 1)
            {
                score += ConsecutiveBonus;
            }

            if (position == 0 || label[position - 1] is '/' or '-' or '_' or '.' or ' ')
            {
                score += WordStartBonus;
            }
        }

        // Among equal matches, the one starting earlier wins.
        return (score * 1024) - placed[0];
    }

    private static bool SameLetter(char a, char b) => char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
