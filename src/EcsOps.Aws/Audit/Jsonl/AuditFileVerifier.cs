namespace EcsOps.Aws.Audit.Jsonl;

/// <summary>
/// Checks the hash chain of an audit file and says where it breaks and how: a line changed after it was written,
/// lines deleted, a line inserted or copied, lines moved. Each line's <c>prev</c> names its true predecessor by hash,
/// so a break is explained by finding that predecessor elsewhere in the file (moved), nowhere (changed or deleted,
/// told apart by <c>seq</c>), or by a line that nothing chains to (inserted).
/// </summary>
/// <remarks>
/// A chain without a key cannot catch everything: a change to the very last line, or lines removed from the end,
/// leave no successor to notice. The CloudWatch Logs copy of the trail covers those.
/// </remarks>
public static class AuditFileVerifier
{
    /// <summary>Verifies the file at <paramref name="path"/>; an absent file is an empty, intact trail.</summary>
    /// <param name="since">Check only entries written at or after this time (and their link to the line before).</param>
    public static AuditVerification Verify(string path, DateTimeOffset? since = null)
    {
        var (lines, _, unfinished) = AuditFileReader.Read(path);
        return Verify(lines, unfinished, since);
    }

    public static AuditVerification Verify(IReadOnlyList<AuditFileLine> lines, long unfinishedBytes = 0, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var hashes = lines.Select(l => AuditChain.Hash(l.Bytes)).ToList();
        var firstWithHash = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            firstWithHash.TryAdd(hashes[i], i);
        }

        var isPredecessor = new bool[lines.Count];
        foreach (var line in lines)
        {
            if (line.Chain?.Prev is { } prev && firstWithHash.TryGetValue(prev, out var index))
            {
                isPredecessor[index] = true;
            }
        }

        var start = since is null ? 0 : IndexOfFirst(lines, since.Value);
        var findings = new SortedDictionary<int, AuditFinding>();
        void Add(int index, string message) =>
            findings.TryAdd(index, new AuditFinding(index + 1, lines[index].RunIdText, message));

        int? PredecessorOf(int index) =>
            lines[index].Chain?.Prev is not { } prev ? null
            : prev == AuditChain.Genesis ? -1
            : firstWithHash.TryGetValue(prev, out var found) && found != index ? found : null;

        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!line.IsValid)
            {
                Add(i, "is not a valid audit entry (changed by hand, or not written by ecsops)");
                continue;
            }

            var predecessor = PredecessorOf(i);
            if (predecessor == i - 1)
            {
                var expectedSeq = i == 0 ? 1 : lines[i - 1].Chain?.Seq + 1;
                if (expectedSeq is { } seq && line.Chain!.Seq != seq)
                {
                    Add(i, $"has sequence number {line.Chain.Seq} where {seq} was written (the entry was changed)");
                }

                continue;
            }

            if (findings.ContainsKey(i) || (i > 0 && !lines[i - 1].IsValid))
            {
                // Already explained by the line before it (an inserted or broken line).
                continue;
            }

            if (firstWithHash[hashes[i]] < i)
            {
                Add(i, $"is a copy of line {firstWithHash[hashes[i]] + 1} (inserted)");
                continue;
            }

            if (!isPredecessor[i] && i + 1 < lines.Count && PredecessorOf(i + 1) == i - 1)
            {
                Add(i, $"was inserted: it is not part of the chain (line {i + 2} continues from line {i})");
                findings.TryAdd(i + 1, new AuditFinding(i + 2, lines[i + 1].RunIdText, "follows an inserted line"));
                continue;
            }

            if (predecessor == i - 2 && !isPredecessor[i - 1])
            {
                Add(i - 1, $"was inserted: it is not part of the chain (line {i + 1} continues from line {i - 1})");
                continue;
            }

            if (predecessor is { } earlier)
            {
                Add(i, earlier < 0
                    ? "is out of order: it was written as the first entry of the file"
                    : $"is out of order: it was written right after line {earlier + 1}");
                continue;
            }

            var previousSeq = i == 0 ? 0 : lines[i - 1].Chain?.Seq;
            var gap = line.Chain!.Seq - (previousSeq + 1);
            if (gap > 0)
            {
                Add(i, gap == 1 ? "1 entry before this line is missing (deleted)" : $"{gap} entries before this line are missing (deleted)");
            }
            else if (gap == 0 && i > 0)
            {
                Add(i - 1, $"was changed after it was written (line {i + 1} holds a different hash of it)");
            }
            else if (i == 0)
            {
                Add(i, "does not start the chain: earlier entries were removed, or this entry was changed");
            }
            else
            {
                Add(i, "does not continue the chain (changed or inserted)");
            }
        }

        var checkedLines = lines.Skip(start).Where(l => l.Event is not null).ToList();
        return new AuditVerification(
            lines.Count - start, [.. findings.Values], unfinishedBytes, checkedLines.FirstOrDefault()?.Event!.Time, checkedLines.LastOrDefault()?.Event!.Time);
    }

    private static int IndexOfFirst(IReadOnlyList<AuditFileLine> lines, DateTimeOffset since)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Event?.Time >= since)
            {
                return i;
            }
        }

        return lines.Count;
    }
}
