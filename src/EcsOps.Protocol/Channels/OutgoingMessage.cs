namespace EcsOps.Protocol.Channels;

/// <summary>
/// One sequenced stream-data message waiting for its ack. The frame is encoded once and sent as is on
/// every retransmission. Times are offsets on the owning channel's monotonic clock.
/// </summary>
internal sealed class OutgoingMessage
{
    public OutgoingMessage(long sequenceNumber, byte[] frame, int payloadLength)
    {
        SequenceNumber = sequenceNumber;
        Frame = frame;
        PayloadLength = payloadLength;
        SentOrderNode = new LinkedListNode<OutgoingMessage>(this);
    }

    public long SequenceNumber { get; }

    /// <summary>The whole encoded ClientMessage.</summary>
    public byte[] Frame { get; }

    public int PayloadLength { get; }

    /// <summary>When the message was first transmitted, on any connection; null until then.</summary>
    public TimeSpan? FirstSentAt { get; private set; }

    /// <summary>When the message was last transmitted.</summary>
    public TimeSpan LastSentAt { get; private set; }

    /// <summary>Sent more than once; its ack gives no usable round-trip sample (Karn's rule).</summary>
    public bool Retransmitted { get; private set; }

    /// <summary>Position in the window's last-sent order; in the list only while sent on the current socket.</summary>
    public LinkedListNode<OutgoingMessage> SentOrderNode { get; }

    /// <summary>Records a transmission; returns true when it was a retransmission.</summary>
    public bool MarkSent(TimeSpan now)
    {
        var again = FirstSentAt.HasValue;
        FirstSentAt ??= now;
        Retransmitted |= again;
        LastSentAt = now;
        return again;
    }
}
