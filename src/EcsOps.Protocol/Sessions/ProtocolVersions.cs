namespace EcsOps.Protocol.Sessions;

/// <summary>The versions we advertise. Peers change behaviour on them (fact sheet §5.3, §7.1, §7.3).</summary>
public static class ProtocolVersions
{
    /// <summary>
    /// ClientVersion sent in the HandshakeResponse. AWS names 1.2.764.0 the minimum supported plugin; it is
    /// also ≥ 1.1.70 (the agent picks smux for port forwarding) and &gt; 1.2.331.0 (the agent disables smux
    /// keepalive), so a client reporting it must speak smux without keepalive.
    /// </summary>
    public const string DefaultClientVersion = "1.2.764.0";

    /// <summary>AgentVersion the sandbox agent sends in its HandshakeRequest (the fact sheet's AGT snapshot).</summary>
    public const string DefaultAgentVersion = "3.3.1142.0";
}
