namespace EcsOps.Protocol.Channels;

/// <summary>Thread-safe counters behind <see cref="DataChannelStatistics"/>.</summary>
internal sealed class DataChannelCounters
{
    private long _messagesSent;
    private long _messagesRetransmitted;
    private long _messagesReceived;
    private long _duplicatesReceived;
    private long _messagesRefused;
    private long _invalidMessagesDropped;
    private long _acknowledgementsSent;
    private long _acknowledgementsReceived;
    private long _reconnects;
    private long _payloadBytesSent;
    private long _payloadBytesReceived;

    public void MessageSent(int payloadLength)
    {
        Interlocked.Increment(ref _messagesSent);
        Interlocked.Add(ref _payloadBytesSent, payloadLength);
    }

    public void MessageRetransmitted() => Interlocked.Increment(ref _messagesRetransmitted);

    public void MessageReceived(int payloadLength)
    {
        Interlocked.Increment(ref _messagesReceived);
        Interlocked.Add(ref _payloadBytesReceived, payloadLength);
    }

    public void DuplicateReceived() => Interlocked.Increment(ref _duplicatesReceived);

    public void MessageRefused() => Interlocked.Increment(ref _messagesRefused);

    public void InvalidMessageDropped() => Interlocked.Increment(ref _invalidMessagesDropped);

    public void AcknowledgementsSent(int count) => Interlocked.Add(ref _acknowledgementsSent, count);

    public void AcknowledgementReceived() => Interlocked.Increment(ref _acknowledgementsReceived);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public DataChannelStatistics Snapshot() => new(
        Interlocked.Read(ref _messagesSent),
        Interlocked.Read(ref _messagesRetransmitted),
        Interlocked.Read(ref _messagesReceived),
        Interlocked.Read(ref _duplicatesReceived),
        Interlocked.Read(ref _messagesRefused),
        Interlocked.Read(ref _invalidMessagesDropped),
        Interlocked.Read(ref _acknowledgementsSent),
        Interlocked.Read(ref _acknowledgementsReceived),
        Interlocked.Read(ref _reconnects),
        Interlocked.Read(ref _payloadBytesSent),
        Interlocked.Read(ref _payloadBytesReceived));
}
