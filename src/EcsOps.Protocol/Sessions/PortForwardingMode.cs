namespace EcsOps.Protocol.Sessions;

/// <summary>How a Port session carries TCP traffic (fact sheet §7).</summary>
public enum PortForwardingMode
{
    /// <summary>One TCP connection at a time, raw bytes as Output messages (§7.2).</summary>
    Basic,

    /// <summary>smux v1 over the Output byte stream, many connections (§7.3).</summary>
    Multiplexed,

    /// <summary>Client pipes its stdin/stdout (no <c>type</c>, e.g. SSH ProxyCommand, §7.5); basic on the agent.</summary>
    StandardStream,
}
