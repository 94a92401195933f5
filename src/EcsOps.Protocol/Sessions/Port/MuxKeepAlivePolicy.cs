namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// Who sends smux NOPs (fact sheet §7.3). Since plugin 1.2.331.0 / agent 3.1.1511.0 both ends turn smux
/// keepalive off, because NOP traffic defeated the service's idle timeout. Each end decides from the
/// other's version, so the ClientVersion we report must match our own choice: if only one side disables
/// it, the other closes the session after 30-60 s of silence.
/// </summary>
public static class MuxKeepAlivePolicy
{
    /// <summary>The client disables keepalive for agents newer than this.</summary>
    public const string LastAgentVersionWithKeepAlive = "3.1.1511.0";

    /// <summary>The agent disables keepalive for clients newer than this.</summary>
    public const string LastClientVersionWithKeepAlive = "1.2.331.0";

    /// <summary>Whether the client's smux session sends NOPs and enforces the keepalive timeout.</summary>
    public static bool ClientKeepAliveEnabled(string? agentVersion) =>
        !ProtocolVersion.IsGreaterThan(agentVersion, LastAgentVersionWithKeepAlive);

    /// <summary>Whether the agent's smux session sends NOPs and enforces the keepalive timeout.</summary>
    public static bool AgentKeepAliveEnabled(string? clientVersion) =>
        !ProtocolVersion.IsGreaterThan(clientVersion, LastClientVersionWithKeepAlive);
}
