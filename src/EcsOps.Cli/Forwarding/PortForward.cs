using System.Net;
using System.Net.Sockets;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;

namespace EcsOps.Cli.Forwarding;

/// <summary>
/// One forward: a listener on 127.0.0.1 and the Port session behind it (multiplexed, so many connections at once;
/// basic mode only with an old agent). The data channel reconnects by itself (ResumeSession); the forward ends when
/// the session does, or when cancelled, and then tells the agent to end the session.
/// </summary>
public sealed class PortForward : IAsyncDisposable
{
    private static readonly TimeSpan s_terminateTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly StartedSession _session;
    private readonly SessionDescription _description;
    private readonly Action<string> _warn;
    private long _muxBytesSent;
    private long _muxBytesReceived;

    private PortForward(TcpListener listener, StartedSession session, SessionDescription description, string target, Action<string> warn)
    {
        _listener = listener;
        _session = session;
        _description = description;
        _warn = warn;
        Target = target;
    }

    /// <summary>The local end, 127.0.0.1 and the bound port.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>What the forward reaches, e.g. <c>dev/us-east-1/dev-web/web/app:80</c>.</summary>
    public string Target { get; }

    /// <summary>The Session Manager session behind the forward.</summary>
    public string SessionId => _session.SessionId;

    /// <summary>
    /// Bytes moved so far, local side's view: sent into the tunnel, received from it. Multiplexed forwards count the
    /// bytes of finished connections (all of them once <see cref="RunAsync"/> has returned); basic ones the session's data.
    /// </summary>
    public (long Sent, long Received) BytesMoved => Mode == PortForwardingMode.Multiplexed
        ? (Interlocked.Read(ref _muxBytesSent), Interlocked.Read(ref _muxBytesReceived))
        : (_session.Channel.Statistics.PayloadBytesSent, _session.Channel.Statistics.PayloadBytesReceived);

    public PortForwardingMode Mode => PortForwardingModeSelector.SelectForClient(
        _description.AgentVersion ?? "", _description.Properties is { } properties ? PortSessionProperties.Parse(properties).Type : null);

    /// <summary>Binds the local port, starts the session and runs its handshake.</summary>
    /// <param name="warn">Receives one-line warnings (e.g. the destination refused a connection).</param>
    public static async Task<PortForward> StartAsync(
        SessionStarter starter, DiscoveredContainer container, ForwardSpec spec, string reason, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(spec);
        var listener = new TcpListener(IPAddress.Loopback, spec.LocalPort);
        try
        {
            listener.Start();
        }
        catch (SocketException error)
        {
            listener.Dispose();
            throw new UserFacingException($"cannot listen on 127.0.0.1:{spec.LocalPort}: {error.Message}. Pick another local port (0 picks a free one).");
        }

        try
        {
            var localPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            var (document, parameters) = PortForwardingDocuments.For(spec.RemoteHost, spec.RemotePort, localPort);
            var session = await starter.StartSessionAsync(container, document, parameters, reason, cancellationToken);
            try
            {
                var handshake = await new ClientHandshake(session.HandshakeOptions).RunAsync(session.Channel, cancellationToken);
                if (handshake.Session.SessionType != SessionType.Port)
                {
                    throw new UserFacingException($"the agent started a {handshake.Session.SessionType} session instead of port forwarding");
                }

                var target = spec.RemoteHost is null ? $"{container.Path}:{spec.RemotePort}" : $"{spec.RemoteText} via {container.Path}";
                return new PortForward(listener, session, handshake.Session, target, warn);
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Serves local connections until the session ends (then throws <see cref="UserFacingException"/> saying why)
    /// or <paramref name="cancellationToken"/> fires (then <see cref="OperationCanceledException"/>, after ending the
    /// session).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Mode == PortForwardingMode.Multiplexed)
        {
            await using var mux = new MuxPortForwardingClient(_session.Channel, _description.AgentVersion, OnEvent);
            try
            {
                await mux.ServeAsync(_listener, cancellationToken);
            }
            finally
            {
                using var timeout = new CancellationTokenSource(s_terminateTimeout);
                await IgnoreFailureAsync(mux.TerminateAsync(timeout.Token));
            }
        }
        else
        {
            var basic = new BasicPortForwardingClient(_session.Channel);
            try
            {
                await basic.RunAsync(AcceptAsync, cancellationToken);
            }
            finally
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    using var timeout = new CancellationTokenSource(s_terminateTimeout);
                    await IgnoreFailureAsync(basic.TerminateSessionAsync(timeout.Token).AsTask());
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new UserFacingException($"forward 127.0.0.1:{LocalEndPoint.Port} -> {Target} ended: {EndReason()}");
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _session.DisposeAsync();
    }

    private async ValueTask<Stream?> AcceptAsync(CancellationToken cancellationToken) =>
        new NetworkStream(await _listener.AcceptSocketAsync(cancellationToken), ownsSocket: true);

    private string EndReason()
    {
        if (_session.Channel.ClosedBy?.Output is { Length: > 0 } output)
        {
            return $"the service closed the session ({output.Trim()})";
        }

        return _session.Channel.Completion.Exception?.InnerException is { } failure
            ? $"the session failed: {failure.Message}"
            : "the session was closed";
    }

    private void OnEvent(MuxPortForwardingEvent portEvent)
    {
        switch (portEvent.Kind)
        {
            case MuxPortForwardingEventKind.ConnectionClosed:
                Interlocked.Add(ref _muxBytesSent, portEvent.BytesSent);
                Interlocked.Add(ref _muxBytesReceived, portEvent.BytesReceived);
                break;
            case MuxPortForwardingEventKind.ConnectToPortError:
                _warn($"{Target}: the container could not connect to the destination (nothing listening, or not reachable)");
                break;
            case MuxPortForwardingEventKind.ConnectionFailed:
                _warn($"{Target}: a local connection from {portEvent.Peer} could not be forwarded: {portEvent.Error?.Message}");
                break;
        }
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
