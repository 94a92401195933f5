using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Agent;

/// <summary>Everything a session runner needs: the session, its plan, its container, and the agent end of its channel.</summary>
internal sealed record AgentSessionContext(
    SessionRecord Session,
    SessionPlan Plan,
    ContainerContext Container,
    IContainerProcessHost Host,
    DataChannel Channel,
    AgentHandshakeOptions Handshake,
    ContainerAgentOptions Options,
    ILogger Logger);
