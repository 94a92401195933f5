using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Smux;

namespace EcsOps.Protocol.Sessions.Port;

/// <summary>
/// Agent end of a multiplexed port session (fact sheet §7.3): an smux server over the data channel's
/// Output byte stream. Every stream the client opens is connected to a fresh destination connection from
/// <c>dialDestination</c> (the sandbox dials localhost:port or a remote host); when that fails the agent
/// sends Flag ConnectToPortError (3) and closes the stream. Flag TerminateSession (2) ends the session.
/// </summary>
public sealed class MuxPortForwardingAgent : IAsyncDisposable
{
    private readonly MuxPortTunnel _tunnel;
    private readonly Func<CancellationToken, Task<Stream>> _dialDestination;
    private readonly Action<MuxPortForwardingEvent>? _onEvent;
    private readonly MuxConnectionTracker _connections = new();
    private int _terminatedByClient;

    /// <param name="channel">The port session's data channel, handshake done.</param>
    /// <param name="clientVersion">ClientVersion from the handshake; decides smux keepalive.</param>
    /// <param name="dialDestination">Opens one connection to the destination.</param>
    /// <param name="onEvent">Receives connection events; must be quick, exceptions are ignored.</param>
    /// <param name="timeProvider">Clock for smux keepalive.</param>
    /// <param name="smuxConfig">smux settings; <see cref="SmuxConfig.KeepAliveEnabled"/> is overridden by the version rule.</param>
    public MuxPortForwardingAgent(
        IStreamDataChannel channel,
        string? clientVersion,
        Func<CancellationToken, Task<Stream>> dialDestination,
        Action<MuxPortForwardingEvent>? onEvent = null,
        TimeProvider? timeProvider = null,
        SmuxConfig? smuxConfig = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(dialDestination);
        _dialDestination = dialDestination;
        _onEvent = onEvent;
        var config = (smuxConfig ?? SmuxConfig.Default) with
        {
            KeepAliveEnabled = MuxKeepAlivePolicy.AgentKeepAliveEnabled(clientVersion),
        };
        _tunnel = new MuxPortTunnel(channel, isClient: false, config, timeProvider, OnFlag);
    }

    /// <summary>Whether smux keepalive runs (client version ≤ 1.2.331.0).</summary>
    public bool KeepAliveEnabled => _tunnel.Session.Config.KeepAliveEnabled;

    /// <summary>True once the client sent Flag TerminateSession.</summary>
    public bool TerminatedByClient => Volatile.Read(ref _terminatedByClient) != 0;

    /// <summary>Completes when the smux session ends (see <see cref="SmuxSession.Completion"/>).</summary>
    public Task Completion => _tunnel.Session.Completion;

    /// <summary>
    /// Serves streams until the client terminates the session, the channel or smux session ends, or
    /// <paramref name="cancellationToken"/> fires (then throws <see cref="OperationCanceledException"/>).
    /// Every destination connection is closed and the smux session disposed before it returns.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _tunnel.Ended);
        try
        {
            while (true)
            {
                SmuxStream? stream;
                try
                {
                    stream = await _tunnel.Session.AcceptStreamAsync(stop.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (stream is null)
                {
                    return;
                }

                _connections.Track(ServeStreamAsync(stream, stop.Token));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await _connections.WhenAllEndedAsync();
            await _tunnel.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => _tunnel.DisposeAsync();

    private async Task ServeStreamAsync(SmuxStream stream, CancellationToken cancellationToken)
    {
        Stream destination;
        try
        {
            destination = await _dialDestination(cancellationToken);
        }
        catch (Exception e)
        {
            Raise(new MuxPortForwardingEvent(MuxPortForwardingEventKind.DestinationDialFailed, stream.Id, Error: e));
            await ReportDialFailureAsync(stream, cancellationToken);
            return;
        }

        var result = await MuxConnectionPump.RunAsync(destination, stream, cancellationToken);
        Raise(new MuxPortForwardingEvent(
            MuxPortForwardingEventKind.ConnectionClosed, stream.Id, null, result.BytesToTunnel, result.BytesFromTunnel, result.Error));
    }

    private async Task ReportDialFailureAsync(SmuxStream stream, CancellationToken cancellationToken)
    {
        try
        {
            // The flag goes out before the stream's FIN, so the client learns why before the connection drops.
            await _tunnel.SendFlagAsync(SessionFlag.ConnectToPortError, cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The session is ending anyway.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private void OnFlag(SessionFlag flag)
    {
        if (flag != SessionFlag.TerminateSession || Interlocked.Exchange(ref _terminatedByClient, 1) != 0)
        {
            return;
        }

        Raise(new MuxPortForwardingEvent(MuxPortForwardingEventKind.TerminatedByClient));
        _tunnel.Session.Close(null);
    }

    private void Raise(MuxPortForwardingEvent portEvent)
    {
        try
        {
            _onEvent?.Invoke(portEvent);
        }
        catch (Exception)
        {
            // A logging callback must not break forwarding.
        }
    }
}
