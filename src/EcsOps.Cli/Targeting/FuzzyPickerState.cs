namespace EcsOps.Cli.Targeting;

/// <summary>
/// What the picker shows: the query typed so far, the labels matching it (best match first, ties in the original
/// order), and which one is highlighted. Pure state, driven key by key, so it is tested without a terminal.
/// </summary>
public sealed class FuzzyPickerState
{
    private readonly IReadOnlyList<string> _labels;
    private List<PickerMatch> _matches = [];

    public FuzzyPickerState(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels;
        Refilter();
    }

    public string Query { get; private set; } = "";

    /// <summary>The matching labels in display order.</summary>
    public IReadOnlyList<PickerMatch> Matches => _matches;

    /// <summary>The highlighted position in <see cref="Matches"/>; 0 when there are none.</summary>
    public int Cursor { get; private set; }

    /// <summary>The original index of the highlighted label; null when nothing matches.</summary>
    public int? Selected => _matches.Count == 0 ? null : _matches[Cursor].Index;

    public int Total => _labels.Count;

    public void Type(char letter)
    {
        Query += letter;
        Refilter();
    }

    public void Backspace()
    {
        if (Query.Length > 0)
        {
            Query = Query[..^1];
            Refilter();
        }
    }

    /// <summary>Clears the query (Ctrl-U).</summary>
    public void Clear()
    {
        Query = "";
        Refilter();
    }

    /// <summary>Moves the highlight by <paramref name="rows"/> (negative is up), wrapping at either end.</summary>
    public void Move(int rows)
    {
        if (_matches.Count > 0)
        {
            Cursor = (((Cursor + rows) % _matches.Count) + _matches.Count) % _matches.Count;
        }
    }

    private void Refilter()
    {
        _matches = _labels
            .Select((label, index) => (Index: index, Label: label, Match: FuzzyMatch.Match(Query, label)))
            .Where(m => m.Match is not null)
            .OrderByDescending(m => m.Match!.Value.Score)
            .ThenBy(m => m.Index)
            .Select(m => new PickerMatch(m.Index, m.Label, m.Match!.Value.Positions))
            .ToList();
        Cursor = 0;
    }
}
