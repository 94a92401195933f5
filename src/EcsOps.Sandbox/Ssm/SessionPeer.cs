namespace EcsOps.Sandbox.Ssm;

/// <summary>
/// The two ends of a session's data channel. A client token (StartSession, ExecuteCommand, ResumeSession)
/// opens the client side; an agent token (the agent's CreateDataChannel) opens the agent side.
/// </summary>
public enum SessionPeer
{
    Client,
    Agent,
}
