namespace EcsOps.Sandbox.Faults;

/// <summary>What the relay does with one frame, as drawn from the current <see cref="FaultPlan"/>.</summary>
internal enum FrameAction
{
    Deliver,
    Drop,
    Duplicate,
    Reorder,
    Delay,
}
