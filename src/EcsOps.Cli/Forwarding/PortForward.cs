using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Hosting;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;

namespace EcsOps.Cli.Forwarding;

/// <summary>
/// One forward: a listener on 127.0.0.1 that lives as long as the forward, and the session behind it. A websocket
/// drop is the data channel's business (it resumes); when a session ends for good (terminated, idle timeout, agent
/// gone, task replaced) the forward starts a new one, looking the container up again when its task may be gone, and
/// waits longer after each failure in a row. It stops only on a failure another attempt cannot cure.
/// </summary>
public sealed class PortForward : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ForwardSpec _spec;
    private readonly PortForwardServices _services;
    private DiscoveredContainer _container;
    private ForwardSession? _session;
    private (long Sent, long Received) _bytesOfEndedSessions;
    private bool _toldBasicMode;

    private PortForward(TcpListener listener, ForwardSpec spec, DiscoveredContainer container, PortForwardServices services)
    {
        _listener = listener;
        _spec = spec;
        _container = container;
        _services = services;
    }

    /// <summary>The local end, 127.0.0.1 and the bound port.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>What the forward reaches, e.g. <c>dev/us-east-1/dev-web/web/app:80</c>.</summary>
    public string Target => _spec.RemoteHost is null ? $"{_container.Path}:{_spec.RemotePort}" : $"{_spec.RemoteText} via {_container.Path}";

    /// <summary>The forward in messages: <c>127.0.0.1:8080 -&gt; target</c>.</summary>
    public string Name => $"127.0.0.1:{LocalEndPoint.Port} -> {Target}";

    /// <summary>The current session's id; null between sessions.</summary>
    public string? SessionId => _session?.SessionId;

    /// <summary>Bytes moved so far over all its sessions, local side's view: sent into the tunnel, received from it.</summary>
    public (long Sent, long Received) BytesMoved
    {
        get
        {
            var current = _session?.BytesMoved ?? default;
            return (_bytesOfEndedSessions.Sent + current.Sent, _bytesOfEndedSessions.Received + current.Received);
        }
    }

    /// <summary>Binds the local port; no session yet.</summary>
    /// <exception cref="UserFacingException">The port is taken or not allowed (exit 255).</exception>
    public static PortForward Bind(ForwardSpec spec, DiscoveredContainer container, PortForwardServices services)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(services);
        var listener = new TcpListener(IPAddress.Loopback, spec.LocalPort);
        try
        {
            listener.Start();
        }
        catch (SocketException error)
        {
            listener.Dispose();
            var why = error.SocketErrorCode == SocketError.AddressAlreadyInUse ? "something else is listening there" : error.Message;
            throw new UserFacingException(
                $"cannot listen on 127.0.0.1:{spec.LocalPort}: {why}. Pick another local port (0 picks a free one).", ExitCodes.EcsOpsError, error);
        }

        return new PortForward(listener, spec, container, services);
    }

    /// <summary>Starts the first session; a failure here is thrown, not retried.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _session = await ForwardSession.StartAsync(
            _services.Starter, _container, _spec, LocalEndPoint.Port, _services.Reason, _services.TimeProvider, cancellationToken);
        _services.SessionStarted(_session.SessionId);
        if (_session.Mode != PortForwardingMode.Multiplexed && !_toldBasicMode)
        {
            // Said once: a second connection waits for the first to close, which looks like a hang otherwise.
            _toldBasicMode = true;
            _services.Warn($"{Name}: the container's SSM agent ({_session.AgentVersion}) predates multiplexed port forwarding, "
                + "so this forward carries one connection at a time");
        }
    }

    /// <summary>
    /// Serves connections, starting a new session whenever one ends, until a failure another attempt cannot cure:
    /// that failure is returned. Cancelling ends the current session and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<Exception> RunAsync(CancellationToken cancellationToken)
    {
        var failuresInARow = 0;
        while (true)
        {
            var session = _session ?? throw new InvalidOperationException("the forward has no session; call StartAsync first");
            var end = await session.ServeAsync(_listener, OnEvent, cancellationToken);
            await EndSessionAsync();
            failuresInARow = end.Lifetime >= _services.Policy.HealthyLifetime ? 0 : failuresInARow + 1;
            var delay = _services.Policy.DelayAfter(failuresInARow);
            _services.Warn($"{Name}: the session ended ({end.Reason}); {ClosedText(end.ConnectionsClosed)}; "
                + (delay > TimeSpan.Zero ? $"starting a new session in {Seconds(delay)}" : "starting a new session"));
            if (await RestartAsync(failuresInARow, cancellationToken) is { } stopped)
            {
                return stopped;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await EndSessionAsync();
    }

    private async Task EndSessionAsync()
    {
        if (_session is { } session)
        {
            var moved = BytesMoved;
            _session = null;
            _bytesOfEndedSessions = moved;
            await session.DisposeAsync();
        }
    }

    /// <summary>Starts a new session, retrying with back-off; returns the failure that ends the forward, or null.</summary>
    private async Task<Exception?> RestartAsync(int failuresInARow, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(_services.Policy.DelayAfter(failuresInARow), _services.TimeProvider, cancellationToken);
            Exception failure;
            try
            {
                await StartAsync(cancellationToken);
                return null;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                failure = error;
            }

            if (!SessionRestartPolicy.IsRetryable(failure))
            {
                return failure;
            }

            failuresInARow++;
            if (SessionRestartPolicy.SuggestsTargetGone(failure))
            {
                var (gone, moved) = await FollowTargetAsync(failure, cancellationToken);
                if (gone is not null)
                {
                    return gone;
                }

                if (moved)
                {
                    failuresInARow = 0;
                    continue;
                }
            }

            _services.Warn($"{Name}: could not start a new session: {ErrorDescriptions.Describe(failure)}; "
                + $"retrying in {Seconds(_services.Policy.DelayAfter(failuresInARow))}");
        }
    }

    /// <summary>
    /// Looks the container up again: says why the forward must stop when nothing runs in its place any more, or whether
    /// it moved to another task.
    /// </summary>
    private async Task<(Exception? Gone, bool Moved)> FollowTargetAsync(Exception failure, CancellationToken cancellationToken)
    {
        ContainerReplacement replacement;
        try
        {
            replacement = await _services.Replacements.FindAsync(_container, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return (SessionRestartPolicy.IsRetryable(error) ? null : error, false);
        }

        if (replacement.IsGone)
        {
            return (new UserFacingException($"the target is gone: {replacement.Hint}", ExitCodes.EcsOpsError, failure), false);
        }

        if (replacement.Running is not { } next || next.TaskArn == _container.TaskArn)
        {
            return (null, false);
        }

        var previous = _container;
        _container = next;
        _services.Warn($"{Name}: task {previous.TaskId} is gone; continuing through task {next.TaskId}");
        return (null, true);
    }

    private void OnEvent(MuxPortForwardingEvent portEvent)
    {
        switch (portEvent.Kind)
        {
            case MuxPortForwardingEventKind.ConnectToPortError:
                _services.Warn($"{Name}: the destination refused the connection or is not reachable from the container "
                    + $"(is anything listening on {_spec.RemoteText}?); the local connection was closed");
                break;
            case MuxPortForwardingEventKind.ConnectionFailed:
                _services.Warn($"{Name}: a local connection from {portEvent.Peer} could not be forwarded: {portEvent.Error?.Message}");
                break;
        }
    }

    private static string ClosedText(int closed) => closed switch
    {
        0 => "no connection was open",
        1 => "1 open connection was closed",
        _ => $"{closed} open connections were closed",
    };

    private static string Seconds(TimeSpan delay) => delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
