using EcsOps.Protocol.Channels;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Picks the port-forwarding mode from the peer's version, the way the official peers do (fact sheet
/// §7.1). Both ends must agree, which is why each side applies the other side's real rule.
/// </summary>
public static class PortForwardingModeSelector
{
    /// <summary>The <c>type</c> property that enables multiplexing.</summary>
    public const string LocalPortForwardingType = "LocalPortForwarding";

    /// <summary>The plugin multiplexes when the agent is strictly newer than this (plugin version rule).</summary>
    public const string MuxAgentVersionThreshold = "3.0.196.0";

    /// <summary>The agent multiplexes when the client is at least this (agent version rule).</summary>
    public const string MuxClientVersionMinimum = "1.1.70";

    /// <summary>
    /// The mode for the end playing <paramref name="localRole"/>, given the peer's version from the
    /// handshake and the session's <c>type</c> property (null when absent).
    /// </summary>
    public static PortForwardingMode SelectMode(DataChannelRole localRole, string peerVersion, string? type) =>
        localRole == DataChannelRole.Client ? SelectForClient(peerVersion, type) : SelectForAgent(peerVersion, type);

    /// <summary>Client side: decided by the agent's version.</summary>
    /// <remarks>Any <c>type</c> other than LocalPortForwarding (including none) means stdin/stdout forwarding.</remarks>
    public static PortForwardingMode SelectForClient(string agentVersion, string? type)
    {
        if (type != LocalPortForwardingType)
        {
            return PortForwardingMode.StandardStream;
        }

        return ProtocolVersion.IsGreaterThan(agentVersion, MuxAgentVersionThreshold)
            ? PortForwardingMode.Multiplexed
            : PortForwardingMode.Basic;
    }

    /// <summary>
    /// Agent side, for an agent of version <paramref name="agentVersion"/>: one at or below
    /// <see cref="MuxAgentVersionThreshold"/> predates multiplexing and forwards in basic mode (as the client, reading
    /// that version, expects); a newer one decides by the client's version.
    /// </summary>
    public static PortForwardingMode SelectForAgent(string agentVersion, string clientVersion, string? type) =>
        ProtocolVersion.IsGreaterThan(agentVersion, MuxAgentVersionThreshold) ? SelectForAgent(clientVersion, type) : PortForwardingMode.Basic;

    /// <summary>Agent side: decided by the client's version.</summary>
    public static PortForwardingMode SelectForAgent(string clientVersion, string? type) =>
        type == LocalPortForwardingType && ProtocolVersion.Compare(clientVersion, MuxClientVersionMinimum) >= 0
            ? PortForwardingMode.Multiplexed
            : PortForwardingMode.Basic;
}
