using System.Collections.Concurrent;
using System.Net.WebSockets;
using EcsOps.Protocol;
using EcsOps.Protocol.Framing;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Gateway;

/// <summary>
/// The sandbox's message gateway (AWS's ssmmessages): serves
/// <c>ws://127.0.0.1:&lt;port&gt;/v1/data-channel/&lt;sessionId&gt;?role=publish_subscribe</c> on the sandbox's own
/// port. A socket's first TEXT frame must be an OpenDataChannel whose token the registry redeems (once);
/// then it joins its session as the client or the agent and its BINARY frames are relayed to the other side.
/// SigV4 headers on the upgrade are accepted and ignored: the token is the authentication, as in AWS.
/// </summary>
public sealed class MessageGateway : IDisposable
{
    /// <summary>The path prefix of data-channel websockets.</summary>
    public const string PathPrefix = "/v1/data-channel/";

    private readonly ConcurrentDictionary<string, GatewaySession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GatewayConnection, byte> _connections = new();
    private readonly SessionRegistry _registry;
    private readonly GatewayOptions _options;
    private readonly SandboxFaults _faults;
    private readonly TimeProvider _clock;
    private readonly ILogger<MessageGateway> _logger;
    private long _refused;
    private volatile bool _stopped;

    /// <param name="clock">The clock of the gateway's timers (open deadline, idle timeout, periodic disconnect).</param>
    public MessageGateway(
        SessionRegistry registry, GatewayOptions options, SandboxFaults faults, TimeProvider clock, ILogger<MessageGateway> logger)
    {
        options.Validate();
        _registry = registry;
        _options = options;
        _faults = faults;
        _clock = clock;
        _logger = logger;
        _registry.Terminated += OnSessionTerminated;
    }

    /// <summary>Sockets currently open (any state after the upgrade).</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>Sockets refused so far: no or bad OpenDataChannel, bad or used token, ended session.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Whether <paramref name="sessionId"/> currently has a socket on <paramref name="peer"/>'s side.</summary>
    public bool IsAttached(string sessionId, SessionPeer peer) =>
        _sessions.TryGetValue(sessionId, out var session) && session.HasPeer(peer);

    /// <summary>
    /// Closes one side's socket now with 1000 "Bye" (or aborts it without a close frame), leaving the session
    /// open for a reconnect. False when that side has no socket.
    /// </summary>
    public bool Disconnect(string sessionId, SessionPeer peer, bool abort = false) =>
        _sessions.TryGetValue(sessionId, out var session) && session.Disconnect(peer, abort);

    /// <summary>
    /// Kills the agent's socket the way an agent restart does (no close frame); the agent reconnects with a
    /// new token and the session carries on. False when the session has no agent socket.
    /// </summary>
    public bool RestartAgent(string sessionId) => Disconnect(sessionId, SessionPeer.Agent, abort: true);

    /// <summary>Serves one data-channel websocket request until its socket is gone.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var sessionId = path.StartsWith(PathPrefix, StringComparison.Ordinal) ? path[PathPrefix.Length..] : "";
        if (!context.WebSockets.IsWebSocketRequest || sessionId.Length == 0 || sessionId.Contains('/', StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The peer left during the upgrade.
            return;
        }

        var connection = new GatewayConnection(socket, sessionId, _options, _clock, context.Features.Get<CoalescingUpgradeFeature>()?.Connection);
        _connections.TryAdd(connection, 0);
        if (_stopped)
        {
            // Accepted while the sandbox was stopping, after the sweep below.
            connection.Abort();
        }

        try
        {
            var session = await OpenAsync(connection);
            if (session is null)
            {
                await DrainUntilClosedAsync(connection);
                return;
            }

            try
            {
                await RelayUntilClosedAsync(session, connection);
            }
            finally
            {
                session.Detach(connection);
            }
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            await connection.DisposeAsync();
        }
    }

    /// <summary>Ends every session's sockets at once (the sandbox is stopping).</summary>
    public void Dispose()
    {
        _stopped = true;
        _registry.Terminated -= OnSessionTerminated;
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }

        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
    }

    /// <summary>Reads the OpenDataChannel frame and joins the session; null (socket closing) when refused.</summary>
    private async Task<GatewaySession?> OpenAsync(GatewayConnection connection)
    {
        ReceivedFrame first;
        using (_clock.CreateTimer(
            static state => ((GatewayConnection)state!).Close(WebSocketCloseStatus.PolicyViolation, "OpenDataChannel was not received in time"),
            connection, _options.OpenTimeout, Timeout.InfiniteTimeSpan))
        {
            first = await connection.ReceiveAsync(GatewayOptions.MaxOpenFrameSize);
        }

        if (first.Outcome != ReceiveOutcome.Message || first.Type != WebSocketMessageType.Text)
        {
            return Refuse(connection, first.Outcome == ReceiveOutcome.TooBig
                ? "OpenDataChannel frame is too large"
                : "the first frame must be an OpenDataChannel TEXT frame");
        }

        OpenDataChannelRequest open;
        try
        {
            open = OpenDataChannelRequest.Parse(first.Data);
        }
        catch (ProtocolException)
        {
            return Refuse(connection, "the first frame is not an OpenDataChannel request");
        }

        if (string.IsNullOrEmpty(open.TokenValue) || _registry.RedeemToken(connection.SessionId, open.TokenValue) is not { } peer)
        {
            return Refuse(connection, "invalid or already used token");
        }

        connection.Peer = peer;
        var record = _registry.Find(connection.SessionId);
        if (record is null || record.State == SessionState.Terminated)
        {
            return Refuse(connection, "the session has ended");
        }

        var session = _sessions.GetOrAdd(connection.SessionId, _ => NewSession(record));
        if (!session.Attach(connection))
        {
            return Refuse(connection, "the session has ended");
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("session {SessionId}: {Peer} connected ({Id})", connection.SessionId, peer, open.ClientInstanceId ?? open.ClientId);
        }

        return session;
    }

    private GatewaySession NewSession(SessionRecord record)
    {
        var session = new GatewaySession(record, _registry, _options, _faults, _clock, _logger);
        session.Ended += ended =>
        {
            _sessions.TryRemove(new KeyValuePair<string, GatewaySession>(ended.SessionId, ended));
            ended.Dispose();
        };

        // Terminated between the lookup and now: the registry's event may have found no session to end.
        if (_registry.Find(record.SessionId)?.State == SessionState.Terminated)
        {
            session.End("");
        }

        return session;
    }

    private async Task RelayUntilClosedAsync(GatewaySession session, GatewayConnection connection)
    {
        while (true)
        {
            var received = await connection.ReceiveAsync(_options.MaxFrameSize);
            switch (received.Outcome)
            {
                case ReceiveOutcome.Message when received.Type == WebSocketMessageType.Binary:
                    try
                    {
                        await session.RelayAsync(connection, received.Data!, connection.Aborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    break;
                case ReceiveOutcome.Message:
                    // A later TEXT frame means nothing to the service.
                    break;
                case ReceiveOutcome.TooBig:
                    connection.Close(WebSocketCloseStatus.MessageTooBig, $"frames are limited to {_options.MaxFrameSize} bytes");
                    await DrainUntilClosedAsync(connection);
                    return;
                case ReceiveOutcome.Closed:
                    connection.Close(WebSocketCloseStatus.NormalClosure, "");
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>After our close frame, reads (and ignores) until the peer's close arrives or the socket is aborted.</summary>
    private static async Task DrainUntilClosedAsync(GatewayConnection connection)
    {
        while ((await connection.ReceiveAsync(GatewayOptions.MaxOpenFrameSize)).Outcome is ReceiveOutcome.Message or ReceiveOutcome.TooBig)
        {
        }
    }

    private GatewaySession? Refuse(GatewayConnection connection, string reason)
    {
        Interlocked.Increment(ref _refused);
        connection.Close(WebSocketCloseStatus.PolicyViolation, reason);
        return null;
    }

    private void OnSessionTerminated(SessionRecord record)
    {
        if (_sessions.TryGetValue(record.SessionId, out var session))
        {
            session.End("");
        }
    }
}
