namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// A unified-style diff of two short line lists (task definition summaries): longest common subsequence, then hunks
/// with <see cref="Context"/> unchanged lines around each change, headed <c>@@ -a,n +b,m @@</c> as diff -u does.
/// </summary>
public static class LineDiff
{
    public const int Context = 3;

    /// <summary>The hunks; empty when the lists are equal. Lines compare by <paramref name="key"/>.</summary>
    public static IReadOnlyList<DiffLine> Unified<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> show)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(show);
        var edits = Edits(before, after, key);
        var output = new List<DiffLine>();
        var index = 0;
        while (index < edits.Count)
        {
            if (edits[index].Kind == DiffLine.Same)
            {
                index++;
                continue;
            }

            // A hunk: from Context lines before this change to Context lines after the last change within reach.
            var start = Math.Max(0, index - Context);
            var end = index;
            while (end < edits.Count)
            {
                var nextChange = edits.FindIndex(end, e => e.Kind != DiffLine.Same);
                if (nextChange < 0 || nextChange - end > 2 * Context)
                {
                    break;
                }

                end = nextChange + 1;
            }

            end = Math.Min(edits.Count, end + Context);
            var hunk = edits.GetRange(start, end - start);
            var beforeStart = hunk.FirstOrDefault(e => e.Before >= 0)?.Before ?? 0;
            var afterStart = hunk.FirstOrDefault(e => e.After >= 0)?.After ?? 0;
            output.Add(new DiffLine(DiffLine.Hunk,
                $"@@ -{beforeStart + 1},{hunk.Count(e => e.Before >= 0)} +{afterStart + 1},{hunk.Count(e => e.After >= 0)} @@"));
            output.AddRange(hunk.Select(e => new DiffLine(e.Kind, e.Before >= 0 && e.Kind != DiffLine.Added ? show(before[e.Before]) : show(after[e.After]))));
            index = end;
        }

        return output;
    }

    private static List<Edit> Edits<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key)
    {
        var a = before.Select(key).ToArray();
        var b = after.Select(key).ToArray();
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add(new Edit(DiffLine.Same, x++, y++));
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                edits.Add(new Edit(DiffLine.Removed, x++, -1));
            }
            else
            {
                edits.Add(new Edit(DiffLine.Added, -1, y++));
            }
        }

        return edits;
    }

    private sealed record Edit(string Kind, int Before, int After);
}
