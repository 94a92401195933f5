namespace EcsOps.Sandbox.Faults;

/// <summary>Which way a relayed frame travels.</summary>
public enum FrameDirection
{
    ClientToAgent,
    AgentToClient,
}
