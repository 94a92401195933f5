using System.Net.WebSockets;
using System.Threading.Channels;
using EcsOps.Protocol.Transport;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Gateway;

/// <summary>
/// One accepted data-channel websocket. The gateway's handler is its only reader; a write loop is its
/// only sender, fed by a bounded queue, so relayed frames, control frames and the close frame never race.
/// Closing drains what is queued, sends a final frame (channel_closed) if given, then the close frame, and
/// aborts the socket if the peer does not finish the close in time. Over a <see cref="CoalescingStream"/> the write
/// loop sends what is queued at once (up to <see cref="MaxWriteBatch"/> frames) as one write of the connection.
/// </summary>
internal sealed class GatewayConnection : IFrameSink, IAsyncDisposable
{
    /// <summary>Most queued frames sent as one write.</summary>
    public const int MaxWriteBatch = 32;

    private readonly WebSocket _socket;
    private readonly CoalescingStream? _connection;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _clock;
    private readonly Channel<byte[]> _outgoing;
    private readonly CancellationTokenSource _aborted = new();
    private readonly byte[] _receiveBuffer;
    private readonly Lock _gate = new();
    private readonly Task _writeLoop;
    private CloseRequest? _close;
    private ITimer? _scheduledClose;
    private ITimer? _abortTimer;
    private int _disposed;

    /// <param name="connection">The stream under <paramref name="socket"/> when it can gather writes.</param>
    public GatewayConnection(WebSocket socket, string sessionId, GatewayOptions options, TimeProvider clock, CoalescingStream? connection = null)
    {
        _socket = socket;
        _connection = connection;
        SessionId = sessionId;
        _options = options;
        _clock = clock;
        _receiveBuffer = new byte[options.MaxFrameSize];
        _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    public string SessionId { get; }

    /// <summary>Which side this socket is, once its OpenDataChannel token was redeemed.</summary>
    public SessionPeer Peer { get; set; }

    /// <summary>Cancelled when the socket is aborted (failure, close timeout, forced disconnect, shutdown).</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Queues a frame for the peer, waiting for room; false when the socket is closing or gone.</summary>
    public async ValueTask<bool> SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        try
        {
            await _outgoing.Writer.WriteAsync(frame, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Queues a control frame without waiting; false when the queue is full or closed.</summary>
    public bool TrySend(byte[] frame) => _outgoing.Writer.TryWrite(frame);

    /// <summary>
    /// Closes after what is already queued and <paramref name="finalFrame"/>. Only the first call counts;
    /// the socket is aborted if the close has not finished within <see cref="GatewayOptions.CloseTimeout"/>.
    /// </summary>
    public void Close(WebSocketCloseStatus status, string description, byte[]? finalFrame = null)
    {
        lock (_gate)
        {
            if (_close is not null || _disposed != 0)
            {
                return;
            }

            _close = new CloseRequest(status, description, finalFrame);
            _abortTimer = _clock.CreateTimer(static state => ((GatewayConnection)state!).Abort(), this, _options.CloseTimeout, Timeout.InfiniteTimeSpan);
        }

        _outgoing.Writer.TryComplete();
    }

    /// <summary>Arranges <see cref="Close"/> after <paramref name="delay"/> (the service's periodic disconnect).</summary>
    public void CloseAfter(TimeSpan delay, WebSocketCloseStatus status, string description)
    {
        lock (_gate)
        {
            if (_disposed != 0)
            {
                return;
            }

            _scheduledClose?.Dispose();
            _scheduledClose = _clock.CreateTimer(
                state => ((GatewayConnection)state!).Close(status, description), this, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Drops the connection at once, without a close frame (like a network failure).</summary>
    public void Abort()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to abort.
        }

        _socket.Abort();
        _outgoing.Writer.TryComplete();
    }

    /// <summary>
    /// Receives one whole message of at most <paramref name="maxLength"/> bytes. Control frames (ping,
    /// pong) are answered by the websocket meanwhile. Never throws for connection failures.
    /// </summary>
    public async Task<ReceivedFrame> ReceiveAsync(int maxLength)
    {
        var length = 0;
        try
        {
            while (true)
            {
                if (length == maxLength)
                {
                    return new ReceivedFrame(ReceiveOutcome.TooBig);
                }

                var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(length, maxLength - length), _aborted.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new ReceivedFrame(ReceiveOutcome.Closed);
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return new ReceivedFrame(ReceiveOutcome.Message, result.MessageType, _receiveBuffer.AsSpan(0, length).ToArray());
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            return new ReceivedFrame(ReceiveOutcome.Failed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(WebSocketCloseStatus.NormalClosure, "");
        await _writeLoop;
        lock (_gate)
        {
            _disposed = 1;
            _scheduledClose?.Dispose();
            _abortTimer?.Dispose();
        }

        _socket.Dispose();
        _aborted.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var token = _aborted.Token;
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(token))
            {
                await SendQueuedAsync(token);
            }

            CloseRequest? close;
            lock (_gate)
            {
                close = _close;
            }

            if (close is null || token.IsCancellationRequested)
            {
                return;
            }

            if (close.FinalFrame is { } finalFrame)
            {
                await _socket.SendAsync(finalFrame, WebSocketMessageType.Binary, endOfMessage: true, token);
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(close.Status, close.Description, token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            Abort();
        }
    }

    /// <summary>Sends what is queued now: over a coalescing stream as one write per batch.</summary>
    private async Task SendQueuedAsync(CancellationToken token)
    {
        if (_connection is null)
        {
            while (_outgoing.Reader.TryRead(out var frame))
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, token);
            }

            return;
        }

        await _connection.BeginBatchAsync(token);
        try
        {
            for (var sent = 0; sent < MaxWriteBatch && _outgoing.Reader.TryRead(out var frame); sent++)
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, token);
            }
        }
        finally
        {
            await _connection.EndBatchAsync(token);
        }
    }

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Description, byte[]? FinalFrame);
}
