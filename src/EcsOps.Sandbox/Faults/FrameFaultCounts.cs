namespace EcsOps.Sandbox.Faults;

/// <summary>How many relayed frames of one direction met each fault since the sandbox started.</summary>
public sealed record FrameFaultCounts(long Relayed, long Dropped, long Duplicated, long Reordered, long Delayed);
