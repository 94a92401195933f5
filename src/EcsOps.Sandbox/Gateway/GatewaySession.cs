using System.Net.WebSockets;
using EcsOps.Protocol;
using EcsOps.Protocol.Framing;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Gateway;

/// <summary>
/// The service's view of one session (fact sheet §2, §4.6, §6.3, §8.1): a client side and an agent side,
/// each at most one socket. BINARY frames are relayed verbatim between them; the gateway itself only sends
/// pause_publication (to a sender whose peer is away; its frames are dropped and it retransmits later),
/// start_publication (when that peer is back) and channel_closed (when the session ends).
/// </summary>
internal sealed class GatewaySession : IDisposable
{
    /// <summary>What AWS sends when it closes a socket without ending the session (fact sheet §2.3).</summary>
    public const string ByeDescription = "Bye";

    private readonly Lock _gate = new();
    private readonly SessionRegistry _registry;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly FrameFaultLane _clientToAgent;
    private readonly FrameFaultLane _agentToClient;
    private readonly ITimer? _idleTimer;
    private GatewayConnection? _client;
    private GatewayConnection? _agent;
    private bool _clientPaused;
    private bool _agentPaused;
    private bool _ended;
    private long _lastStreamData;

    public GatewaySession(
        SessionRecord record, SessionRegistry registry, GatewayOptions options, SandboxFaults faults, TimeProvider clock, ILogger logger)
    {
        SessionId = record.SessionId;
        Target = record.Target;
        _registry = registry;
        _options = options;
        _clock = clock;
        _logger = logger;
        _clientToAgent = new FrameFaultLane(faults, FrameDirection.ClientToAgent);
        _agentToClient = new FrameFaultLane(faults, FrameDirection.AgentToClient);
        _lastStreamData = clock.GetTimestamp();
        if (options.IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            _idleTimer = clock.CreateTimer(static state => ((GatewaySession)state!).CheckIdle(), this, options.IdleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    public string SessionId { get; }

    /// <summary>The session's target, the DestinationId of channel_closed.</summary>
    public string Target { get; }

    /// <summary>Raised once, when the session ends (for the gateway to forget it).</summary>
    public event Action<GatewaySession>? Ended;

    public bool IsEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Whether <paramref name="peer"/>'s side has a socket now.</summary>
    public bool HasPeer(SessionPeer peer)
    {
        lock (_gate)
        {
            return (peer == SessionPeer.Client ? _client : _agent) is not null;
        }
    }

    /// <summary>
    /// Makes <paramref name="connection"/> the socket of its side, replacing (and closing) an older one.
    /// False when the session has ended.
    /// </summary>
    public bool Attach(GatewayConnection connection)
    {
        GatewayConnection? replaced;
        GatewayConnection? startPeer = null;
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            if (connection.Peer == SessionPeer.Client)
            {
                replaced = _client;
                _client = connection;

                // A new socket starts unpaused (the channel clears its pause on reconnect): tell it again if need be.
                _clientPaused = false;
                if (_agentPaused && _agent is not null)
                {
                    _agentPaused = false;
                    startPeer = _agent;
                }
            }
            else
            {
                replaced = _agent;
                _agent = connection;
                _agentPaused = false;
                if (_clientPaused && _client is not null)
                {
                    _clientPaused = false;
                    startPeer = _client;
                }
            }
        }

        replaced?.Close(WebSocketCloseStatus.NormalClosure, "replaced by a new connection");
        startPeer?.TrySend(GatewayFrames.StartPublication(_clock.GetUtcNow()));
        if (connection.Peer == SessionPeer.Client)
        {
            _registry.SetState(SessionId, SessionState.Connected);
            if (_options.PeriodicDisconnectInterval is { } interval)
            {
                connection.CloseAfter(interval, WebSocketCloseStatus.NormalClosure, ByeDescription);
            }
        }
        else if (_options.PeriodicDisconnectInterval is { } interval && _options.PeriodicDisconnectIncludesAgent)
        {
            connection.CloseAfter(interval, WebSocketCloseStatus.NormalClosure, ByeDescription);
        }

        return true;
    }

    /// <summary>Forgets <paramref name="connection"/> if it is still its side's socket.</summary>
    public void Detach(GatewayConnection connection)
    {
        bool clientLeft;
        lock (_gate)
        {
            if (connection.Peer == SessionPeer.Client && ReferenceEquals(_client, connection))
            {
                _client = null;
                clientLeft = !_ended;
            }
            else if (connection.Peer == SessionPeer.Agent && ReferenceEquals(_agent, connection))
            {
                _agent = null;
                clientLeft = false;
            }
            else
            {
                return;
            }
        }

        if (clientLeft)
        {
            _registry.SetState(SessionId, SessionState.Disconnected);
        }
    }

    /// <summary>Handles one BINARY frame from <paramref name="from"/>: relays it, or acts on it when it is for the service.</summary>
    public async ValueTask RelayAsync(GatewayConnection from, byte[] frame, CancellationToken cancellationToken)
    {
        switch (GatewayFrames.Classify(frame))
        {
            case RelayedMessageKind.Invalid or RelayedMessageKind.ServiceOnly:
                return;
            case RelayedMessageKind.AgentSessionState:
                if (from.Peer == SessionPeer.Agent)
                {
                    OnAgentSessionState(frame);
                }

                return;
            case RelayedMessageKind.StreamData:
                Volatile.Write(ref _lastStreamData, _clock.GetTimestamp());
                break;
        }

        GatewayConnection? target;
        var pauseSender = false;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            if (from.Peer == SessionPeer.Client)
            {
                target = _agent;
                pauseSender = target is null && !_clientPaused;
                _clientPaused |= pauseSender;
            }
            else
            {
                target = _client;
                pauseSender = target is null && !_agentPaused;
                _agentPaused |= pauseSender;
            }
        }

        if (target is null)
        {
            // The peer is away: the frame is dropped and the sender told to hold off until start_publication.
            if (pauseSender)
            {
                from.TrySend(GatewayFrames.PausePublication(_clock.GetUtcNow()));
            }

            return;
        }

        var lane = from.Peer == SessionPeer.Client ? _clientToAgent : _agentToClient;
        await lane.RelayAsync(frame, target, cancellationToken);
    }

    /// <summary>
    /// Ends the session: channel_closed with <paramref name="output"/> to both sides, then their sockets are
    /// closed and the registry records it terminated. Idempotent.
    /// </summary>
    public void End(string output)
    {
        GatewayConnection? client;
        GatewayConnection? agent;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            client = _client;
            agent = _agent;
        }

        _idleTimer?.Dispose();
        var now = _clock.GetUtcNow();
        client?.Close(WebSocketCloseStatus.NormalClosure, "", GatewayFrames.ChannelClosed(SessionId, Target, output, now));
        agent?.Close(WebSocketCloseStatus.NormalClosure, "", GatewayFrames.ChannelClosed(SessionId, Target, output, now));
        _registry.SetState(SessionId, SessionState.Terminated);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("session {SessionId} ended: {Output}", SessionId, output.Length == 0 ? "(no message)" : output);
        }

        Ended?.Invoke(this);
    }

    /// <summary>
    /// Takes one side's socket away without ending the session: a close with 1000 "Bye" as AWS sends it, or
    /// an abort (no close frame) like a network failure. False when that side has no socket.
    /// </summary>
    public bool Disconnect(SessionPeer peer, bool abort)
    {
        GatewayConnection? connection;
        lock (_gate)
        {
            connection = peer == SessionPeer.Client ? _client : _agent;
        }

        if (connection is null)
        {
            return false;
        }

        if (abort)
        {
            connection.Abort();
        }
        else
        {
            connection.Close(WebSocketCloseStatus.NormalClosure, ByeDescription);
        }

        return true;
    }

    public void Dispose() => _idleTimer?.Dispose();

    private void OnAgentSessionState(byte[] frame)
    {
        ClientMessage message;
        try
        {
            message = ClientMessageCodec.Decode(frame);
        }
        catch (ProtocolException)
        {
            return;
        }

        if (AgentSessionStatePayload.TryParse(message.Payload.Span)?.SessionState == AgentSessionStatePayload.Terminating)
        {
            End("");
        }
    }

    /// <summary>Timer callback: ends the session if no stream data passed for the idle timeout, else re-arms.</summary>
    private void CheckIdle()
    {
        var idle = _clock.GetElapsedTime(Volatile.Read(ref _lastStreamData));
        if (idle >= _options.IdleTimeout)
        {
            End(GatewayOptions.IdleTimeoutOutput);
            return;
        }

        lock (_gate)
        {
            if (!_ended)
            {
                _idleTimer?.Change(_options.IdleTimeout - idle, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
