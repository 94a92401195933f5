using System.Net.Sockets;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Smux;

namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// Client end of a multiplexed port session (fact sheet §7.3): an smux client over the data channel's
/// Output byte stream, one smux stream per local connection. Start it after the handshake chose mux mode.
/// It prints nothing; what happens is reported through the <c>onEvent</c> callback, e.g.
/// <see cref="MuxPortForwardingEventKind.ConnectToPortError"/> for "Connection to destination port failed".
/// </summary>
public sealed class MuxPortForwardingClient : IAsyncDisposable
{
    private readonly MuxPortTunnel _tunnel;
    private readonly Action<MuxPortForwardingEvent>? _onEvent;
    private readonly MuxConnectionTracker _connections = new();
    private int _terminated;

    /// <param name="channel">The port session's data channel, handshake done.</param>
    /// <param name="agentVersion">AgentVersion from the handshake; decides smux keepalive.</param>
    /// <param name="onEvent">Receives connection events; must be quick, exceptions are ignored.</param>
    /// <param name="timeProvider">Clock for smux keepalive.</param>
    /// <param name="smuxConfig">smux settings; <see cref="SmuxConfig.KeepAliveEnabled"/> is overridden by the version rule.</param>
    public MuxPortForwardingClient(
        IStreamDataChannel channel,
        string? agentVersion,
        Action<MuxPortForwardingEvent>? onEvent = null,
        TimeProvider? timeProvider = null,
        SmuxConfig? smuxConfig = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _onEvent = onEvent;
        var config = (smuxConfig ?? SmuxConfig.Default) with
        {
            KeepAliveEnabled = MuxKeepAlivePolicy.ClientKeepAliveEnabled(agentVersion),
        };
        _tunnel = new MuxPortTunnel(channel, isClient: true, config, timeProvider, OnFlag);
    }

    /// <summary>Whether smux keepalive runs (agent version ≤ 3.1.1511.0).</summary>
    public bool KeepAliveEnabled => _tunnel.Session.Config.KeepAliveEnabled;

    /// <summary>Completes when the smux session ends (see <see cref="SmuxSession.Completion"/>).</summary>
    public Task Completion => _tunnel.Session.Completion;

    /// <summary>Opens one tunnelled connection to the destination, for in-process use.</summary>
    public async Task<Stream> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _tunnel.Session.OpenStreamAsync(cancellationToken);

    /// <summary>
    /// Accepts local connections on <paramref name="listener"/> (already started; the caller owns it) and
    /// forwards each through its own smux stream. Returns when the session ends (<see cref="Completion"/>
    /// says why); throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/>
    /// fires. Either way every forwarded connection is closed first.
    /// </summary>
    public async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _tunnel.Ended);
        try
        {
            while (true)
            {
                Socket connection;
                try
                {
                    connection = await listener.AcceptSocketAsync(stop.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                _connections.Track(ForwardAsync(connection, stop.Token));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await _connections.WhenAllEndedAsync();
        }
    }

    /// <summary>
    /// Forwards one accepted local connection until both directions are done; takes ownership of the
    /// socket. Never throws: the outcome is reported as an event.
    /// </summary>
    public async Task ForwardAsync(Socket connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var local = new NetworkStream(connection, ownsSocket: true);
        var peer = connection.RemoteEndPoint?.ToString();
        Raise(new MuxPortForwardingEvent(MuxPortForwardingEventKind.ConnectionAccepted, Peer: peer));
        SmuxStream tunnel;
        try
        {
            tunnel = await _tunnel.Session.OpenStreamAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await local.DisposeAsync();
            Raise(new MuxPortForwardingEvent(MuxPortForwardingEventKind.ConnectionFailed, Peer: peer, Error: e));
            return;
        }

        var result = await MuxConnectionPump.RunAsync(local, tunnel, cancellationToken);
        Raise(new MuxPortForwardingEvent(
            MuxPortForwardingEventKind.ConnectionClosed, tunnel.Id, peer, result.BytesToTunnel, result.BytesFromTunnel, result.Error,
            tunnel.CutBySessionClose));
    }

    /// <summary>
    /// Ends the port session: sends Flag TerminateSession (2), without waiting for its ack as the plugin
    /// does, then closes the smux session. Idempotent.
    /// </summary>
    public async Task TerminateAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        try
        {
            await _tunnel.SendFlagAsync(SessionFlag.TerminateSession, cancellationToken);
        }
        finally
        {
            await _tunnel.DisposeAsync();
        }
    }

    /// <summary>
    /// <see cref="TerminateAsync"/> without a deadline; a failure to send the flag is ignored. Call
    /// <see cref="TerminateAsync"/> with a token first to bound the wait on a stuck channel.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await TerminateAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The channel is already gone: nobody is left to tell.
        }

        await _tunnel.DisposeAsync();
    }

    private void OnFlag(SessionFlag flag)
    {
        if (flag == SessionFlag.ConnectToPortError)
        {
            Raise(new MuxPortForwardingEvent(MuxPortForwardingEventKind.ConnectToPortError));
        }
    }

    private void Raise(MuxPortForwardingEvent portEvent)
    {
        try
        {
            _onEvent?.Invoke(portEvent);
        }
        catch (Exception)
        {
            // A rendering callback must not break forwarding.
        }
    }
}
