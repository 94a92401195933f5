namespace EcsOps.Cli.Targeting;

/// <summary>One label the picker shows: its index in the original list, and which of its letters the query matched.</summary>
public sealed record PickerMatch(int Index, string Label, IReadOnlySet<int> Positions);
