using System.Net.WebSockets;
using EcsOps.Protocol.Transport;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// Dials the gateway the way the real agent dials ssmmessages (fact sheet §2.2): a fresh agent token per
/// (re)connect, as CreateDataChannel would issue it, then a websocket to the session's StreamUrl on the
/// sandbox's own port. Gives up (non-transient) once the session is terminated.
/// </summary>
internal sealed class AgentChannelConnector(SessionRegistry registry, SessionRecord session) : IDataChannelConnector
{
    /// <summary>The real agent pings every 54 s (fact sheet §2.3).</summary>
    private static readonly TimeSpan s_keepAliveInterval = TimeSpan.FromSeconds(54);

    private AgentControlTransport? _current;

    /// <summary>The socket in use, for agent_session_state; null before the first connect.</summary>
    public AgentControlTransport? Current => Volatile.Read(ref _current);

    public async Task<DataChannelConnection> ConnectAsync(bool resume, CancellationToken cancellationToken)
    {
        var token = registry.IssueAgentToken(session.SessionId)
            ?? throw new TransportException("Session is already terminated", isTransient: false);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = s_keepAliveInterval;
        CoalescingStream connection;
        try
        {
            connection = await CoalescingWebSocketDialer.ConnectAsync(socket, new Uri(session.StreamUrl), cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
        {
            socket.Dispose();
            throw new TransportException($"the agent could not reach the gateway: {ex.Message}", isTransient: true, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var transport = new AgentControlTransport(new WebSocketMessageTransport(socket, connection: connection));
        Volatile.Write(ref _current, transport);
        return new DataChannelConnection(transport, token);
    }
}
