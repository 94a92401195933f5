namespace EcsOps.Protocol.Transport;

public enum TransportMessageKind
{
    Text,
    Binary,
}

/// <summary>One whole message received from the transport. <see cref="Payload"/> belongs to the caller.</summary>
public readonly record struct TransportMessage(TransportMessageKind Kind, ReadOnlyMemory<byte> Payload);

/// <summary>
/// A message-oriented, full-duplex connection (a websocket, or an in-memory link in tests). At most one
/// send and one receive may be outstanding at a time, as with <see cref="System.Net.WebSockets.WebSocket"/>.
/// </summary>
public interface IMessageTransport : IAsyncDisposable
{
    ValueTask SendAsync(ReadOnlyMemory<byte> message, TransportMessageKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// Sends several messages in order. A transport that can puts them on the connection in one write; by
    /// default they are sent one by one.
    /// </summary>
    async ValueTask SendManyAsync(IReadOnlyList<byte[]> messages, TransportMessageKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await SendAsync(message, kind, cancellationToken);
        }
    }

    /// <summary>The next message, or null when the peer closed the connection in an orderly way.</summary>
    /// <exception cref="TransportException">The connection failed.</exception>
    ValueTask<TransportMessage?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection; never throws for a connection that is already gone.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
