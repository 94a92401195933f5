using System.Net.Sockets;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;

namespace EcsOps.Cli.Forwarding;

/// <summary>
/// One Session Manager port session behind a forward's listener (multiplexed, so many connections at once; basic
/// mode only with an old agent). Its data channel reconnects by itself (ResumeSession); when the session ends for
/// good, <see cref="ServeAsync"/> says why and every connection it carried is closed. Disposing ends it at the service.
/// </summary>
internal sealed class ForwardSession : IAsyncDisposable
{
    private static readonly TimeSpan s_terminateTimeout = TimeSpan.FromSeconds(5);

    private readonly StartedSession _session;
    private readonly SessionDescription _description;
    private readonly TimeProvider _timeProvider;
    private int _connectionsClosed;
    private long _muxBytesSent;
    private long _muxBytesReceived;

    private ForwardSession(StartedSession session, SessionDescription description, TimeProvider timeProvider)
    {
        _session = session;
        _description = description;
        _timeProvider = timeProvider;
    }

    public string SessionId => _session.SessionId;

    public DiscoveredContainer Container => _session.Container;

    /// <summary>
    /// Bytes moved so far, local side's view: sent into the tunnel, received from it. Multiplexed sessions count the
    /// bytes of finished connections (all of them once <see cref="ServeAsync"/> has returned); basic ones the session's data.
    /// </summary>
    public (long Sent, long Received) BytesMoved => Mode == PortForwardingMode.Multiplexed
        ? (Interlocked.Read(ref _muxBytesSent), Interlocked.Read(ref _muxBytesReceived))
        : (_session.Channel.Statistics.PayloadBytesSent, _session.Channel.Statistics.PayloadBytesReceived);

    /// <summary>The version the container's SSM agent reported in the handshake (it decides the mode).</summary>
    public string? AgentVersion => _description.AgentVersion;

    public PortForwardingMode Mode => PortForwardingModeSelector.SelectForClient(
        _description.AgentVersion ?? "", _description.Properties is { } properties ? PortSessionProperties.Parse(properties).Type : null);

    /// <summary>Starts the session (SSM StartSession with the port forwarding document) and runs its handshake.</summary>
    public static async Task<ForwardSession> StartAsync(
        SessionStarter starter, DiscoveredContainer container, ForwardSpec spec, int localPort, string reason, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var (document, parameters) = PortForwardingDocuments.For(spec.RemoteHost, spec.RemotePort, localPort);
        var session = await starter.StartSessionAsync(container, document, parameters, reason, cancellationToken);
        try
        {
            var handshake = await new ClientHandshake(session.HandshakeOptions).RunAsync(session.Channel, cancellationToken);
            if (handshake.Session.SessionType != SessionType.Port)
            {
                throw new UserFacingException($"the agent started a {handshake.Session.SessionType} session instead of port forwarding");
            }

            return new ForwardSession(session, handshake.Session, timeProvider);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Serves <paramref name="listener"/>'s connections until the session ends (then says how) or
    /// <paramref name="cancellationToken"/> fires (then <see cref="OperationCanceledException"/>, after telling the
    /// agent to end the session). The listener stays open either way.
    /// </summary>
    /// <param name="onEvent">Connection events (destination refused, a connection that could not be forwarded).</param>
    public async Task<ForwardSessionEnd> ServeAsync(TcpListener listener, Action<MuxPortForwardingEvent> onEvent, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        int closed;
        if (Mode == PortForwardingMode.Multiplexed)
        {
            await using var mux = new MuxPortForwardingClient(_session.Channel, _description.AgentVersion, e => OnMuxEvent(e, onEvent));
            try
            {
                await mux.ServeAsync(listener, cancellationToken);
            }
            finally
            {
                using var timeout = new CancellationTokenSource(s_terminateTimeout);
                await IgnoreFailureAsync(mux.TerminateAsync(timeout.Token));
            }

            closed = Volatile.Read(ref _connectionsClosed);
        }
        else
        {
            var basic = new BasicPortForwardingClient(_session.Channel);
            try
            {
                await basic.RunAsync(async ct => new NetworkStream(await listener.AcceptSocketAsync(ct), ownsSocket: true), cancellationToken);
            }
            finally
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    using var timeout = new CancellationTokenSource(s_terminateTimeout);
                    await IgnoreFailureAsync(basic.TerminateSessionAsync(timeout.Token).AsTask());
                }
            }

            closed = basic.ConnectionCutBySessionEnd ? 1 : 0;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ForwardSessionEnd(EndReason(), closed, _timeProvider.GetElapsedTime(started));
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private void OnMuxEvent(MuxPortForwardingEvent portEvent, Action<MuxPortForwardingEvent> onEvent)
    {
        if (portEvent.Kind == MuxPortForwardingEventKind.ConnectionClosed)
        {
            Interlocked.Add(ref _muxBytesSent, portEvent.BytesSent);
            Interlocked.Add(ref _muxBytesReceived, portEvent.BytesReceived);
            if (portEvent.CutBySessionEnd)
            {
                Interlocked.Increment(ref _connectionsClosed);
            }
        }

        onEvent(portEvent);
    }

    private string EndReason()
    {
        if (_session.Channel.ClosedBy is { } closedBy)
        {
            return string.IsNullOrWhiteSpace(closedBy.Output) ? "the service ended it" : $"the service ended it: {closedBy.Output.Trim()}";
        }

        return _session.Channel.Completion.Exception?.InnerException is { } failure
            ? $"it failed: {failure.Message}"
            : "it was closed";
    }

    private static async Task IgnoreFailureAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Ending the session is best effort: StartedSession.DisposeAsync also calls TerminateSession.
        }
    }
}
