using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Channels;

/// <summary>
/// What sessions need from a data channel: reliable, ordered stream-data messages in both directions.
/// Implemented by DataChannel.
/// </summary>
public interface IStreamDataChannel
{
    DataChannelRole Role { get; }

    /// <summary>
    /// Queues one stream-data message (payload at most <see cref="ClientMessageCodec.StreamPayloadSize"/>
    /// bytes plus encryption overhead). Waits while the outgoing window is full; never drops, and keeps
    /// accepting while the socket is being reconnected.
    /// </summary>
    ValueTask SendAsync(PayloadType payloadType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>The next stream-data message in sequence order, or null once the channel has ended.</summary>
    ValueTask<StreamData?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Waits until every message sent so far was acknowledged by the peer.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Set when the service closed the channel with <c>channel_closed</c>.</summary>
    ChannelClosedContent? ClosedBy { get; }

    /// <summary>Completes when the channel ends: faults with the reason when it failed.</summary>
    Task Completion { get; }
}
