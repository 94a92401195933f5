using System.Net.WebSockets;

namespace EcsOps.Protocol.Transport;

/// <summary>
/// <see cref="IMessageTransport"/> over any <see cref="WebSocket"/>, client or server side. Reassembles
/// whole messages in one reusable buffer and hands out copies. Control frames (ping/pong/close) are
/// answered by the websocket itself, also before the first data frame.
/// </summary>
public sealed class WebSocketMessageTransport : IMessageTransport
{
    /// <summary>Default largest message; data-channel frames are about 1.2 KB.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024;

    private readonly WebSocket _socket;
    private readonly CoalescingStream? _connection;
    private readonly byte[] _receiveBuffer;

    /// <param name="socket">An open websocket; the transport owns and disposes it.</param>
    /// <param name="maxMessageSize">
    /// Larger messages are read to their end, discarded, and reported as a <see cref="ProtocolException"/>;
    /// the connection stays usable.
    /// </param>
    /// <param name="connection">
    /// The stream under <paramref name="socket"/> when it was opened by <see cref="CoalescingWebSocketDialer"/>:
    /// then <see cref="SendManyAsync"/> writes a whole batch at once.
    /// </param>
    public WebSocketMessageTransport(WebSocket socket, int maxMessageSize = DefaultMaxMessageSize, CoalescingStream? connection = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 1);
        _socket = socket;
        _connection = connection;
        _receiveBuffer = new byte[maxMessageSize];
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(message, TypeOf(kind), endOfMessage: true, cancellationToken);
        }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            throw new TransportException($"websocket send failed: {ex.Message}", isTransient: true, ex);
        }
    }

    /// <summary>Sends the messages in order; over a <see cref="CoalescingStream"/> as one write of the connection.</summary>
    public async ValueTask SendManyAsync(IReadOnlyList<byte[]> messages, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (_connection is null || messages.Count == 1)
        {
            foreach (var message in messages)
            {
                await SendAsync(message, kind, cancellationToken);
            }

            return;
        }

        try
        {
            await _connection.BeginBatchAsync(cancellationToken);
            try
            {
                foreach (var message in messages)
                {
                    await _socket.SendAsync(message, TypeOf(kind), endOfMessage: true, cancellationToken);
                }
            }
            finally
            {
                await _connection.EndBatchAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            throw new TransportException($"websocket send failed: {ex.Message}", isTransient: true, ex);
        }
    }

    /// <exception cref="ProtocolException">The message was larger than the limit (it was skipped).</exception>
    public async ValueTask<TransportMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        var oversized = false;
        while (true)
        {
            if (!oversized && length == _receiveBuffer.Length)
            {
                // Keep reading the rest into the same buffer and throw it away: memory stays bounded.
                oversized = true;
            }

            var space = oversized ? _receiveBuffer.AsMemory() : _receiveBuffer.AsMemory(length);
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(space, cancellationToken);
            }
            catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
            {
                throw new TransportException($"websocket receive failed: {ex.Message}", isTransient: true, ex);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await AnswerCloseAsync(cancellationToken);
                return null;
            }

            if (!oversized)
            {
                length += result.Count;
            }

            if (result.EndOfMessage)
            {
                if (oversized)
                {
                    throw new ProtocolException(
                        ProtocolError.Oversized, $"websocket message exceeds the limit of {_receiveBuffer.Length} bytes");
                }

                var kind = result.MessageType == WebSocketMessageType.Text ? TransportMessageKind.Text : TransportMessageKind.Binary;
                return new TransportMessage(kind, _receiveBuffer.AsSpan(0, length).ToArray());
            }
        }
    }

    /// <summary>Starts an orderly close (close frame, status 1000). Quiet when the socket is already gone.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
        }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            // Already gone: nothing to close.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static WebSocketMessageType TypeOf(TransportMessageKind kind) =>
        kind == TransportMessageKind.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;

    private async Task AnswerCloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State == WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
            }
            catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
            {
                // The peer is leaving anyway.
            }
        }
    }

    /// <summary>
    /// A failure of the connection rather than the caller's cancellation. An aborted websocket (keepalive
    /// timeout, Dispose) fails pending calls with an OperationCanceledException of its own.
    /// </summary>
    private static bool IsConnectionFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        WebSocketException or IOException or ObjectDisposedException or InvalidOperationException => true,
        _ => false,
    };
}
