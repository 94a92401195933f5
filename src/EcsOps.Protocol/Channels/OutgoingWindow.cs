namespace EcsOps.Protocol.Channels;

/// <summary>
/// The outgoing half of reliability: sequenced messages not yet acknowledged, and which one to put on
/// the wire next. Bounded as a span of sequence numbers (<c>oldest unacked .. next to assign</c>), which
/// also keeps a sender inside a receiver's reorder buffer of the same size.
/// Not thread-safe: the data channel calls it under its lock.
/// </summary>
/// <remarks>
/// Retransmission rule: while the head (oldest unacked) has not timed out, any message whose
/// <c>last-sent + RTO</c> has passed is sent again, earliest-sent first. Once the head itself timed out,
/// only the head is probed, at a doubling interval, until it is acked; then the rest follow. A stalled
/// receiver therefore sees one probe per interval, not the whole window.
/// </remarks>
internal sealed class OutgoingWindow
{
    private readonly OutgoingMessage?[] _slots;
    private readonly LinkedList<OutgoingMessage> _sentOrder = new();
    private readonly RetransmissionTimer _timer;
    private long _nextToTransmit;

    public OutgoingWindow(int capacity, RetransmissionTimer timer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new OutgoingMessage?[capacity];
        _timer = timer;
    }

    public int Capacity => _slots.Length;

    /// <summary>The sequence number the next added message gets.</summary>
    public long NextSequenceNumber { get; private set; }

    /// <summary>The oldest unacknowledged sequence number; equals NextSequenceNumber when empty.</summary>
    public long OldestUnacknowledged { get; private set; }

    public int Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public bool HasRoom => NextSequenceNumber - OldestUnacknowledged < _slots.Length;

    /// <summary>The oldest unacknowledged message.</summary>
    public OutgoingMessage? Head => IsEmpty ? null : _slots[SlotOf(OldestUnacknowledged)];

    /// <summary>True when the head went out on the current socket (and so can time out).</summary>
    public bool HeadSentOnCurrentConnection => Head is { } head && head.SentOrderNode.List is not null;

    public RetransmissionTimer Timer => _timer;

    /// <summary>Adds a message encoded with <see cref="NextSequenceNumber"/>; the caller checked HasRoom.</summary>
    public OutgoingMessage Add(byte[] frame, int payloadLength)
    {
        if (!HasRoom)
        {
            throw new InvalidOperationException("the outgoing window is full");
        }

        var message = new OutgoingMessage(NextSequenceNumber, frame, payloadLength);
        _slots[SlotOf(message.SequenceNumber)] = message;
        NextSequenceNumber++;
        Count++;
        return message;
    }

    /// <summary>
    /// Removes the message with this sequence number, if still unacknowledged, and feeds the timer:
    /// a round-trip sample unless it was retransmitted, and a back-off reset when the head moved.
    /// </summary>
    public bool TryAcknowledge(long sequenceNumber, TimeSpan now, out OutgoingMessage? acknowledged)
    {
        acknowledged = null;
        if (sequenceNumber < OldestUnacknowledged || sequenceNumber >= NextSequenceNumber)
        {
            return false;
        }

        var slot = SlotOf(sequenceNumber);
        var message = _slots[slot];
        if (message is null || !message.FirstSentAt.HasValue)
        {
            // Never transmitted: the peer cannot have it, so this ack is bogus and must not lose data.
            return false;
        }

        _slots[slot] = null;
        Count--;
        if (message.SentOrderNode.List is not null)
        {
            _sentOrder.Remove(message.SentOrderNode);
        }

        if (!message.Retransmitted)
        {
            _timer.AddSample(now - message.LastSentAt);
        }

        if (sequenceNumber == OldestUnacknowledged)
        {
            while (OldestUnacknowledged < NextSequenceNumber && _slots[SlotOf(OldestUnacknowledged)] is null)
            {
                OldestUnacknowledged++;
            }

            _timer.ResetBackoff();
        }

        acknowledged = message;
        return true;
    }

    /// <summary>
    /// The next transmission that is due now: a timed-out message first, else the next message never
    /// sent on this socket. Marks it sent. <paramref name="isRetransmission"/> tells whether it went out before.
    /// </summary>
    public bool TryTakeNextTransmission(TimeSpan now, out OutgoingMessage? message, out bool isRetransmission)
    {
        if (TryTakeTimedOut(now, out message) || TryTakeUnsent(out message))
        {
            isRetransmission = message!.MarkSent(now);
            _sentOrder.AddLast(message.SentOrderNode);
            return true;
        }

        isRetransmission = false;
        return false;
    }

    /// <summary>When the next retransmission falls due, or null when nothing sent is waiting.</summary>
    public TimeSpan? NextRetransmissionDeadline()
    {
        if (_timer.ConsecutiveHeadTimeouts > 0)
        {
            return HeadSentOnCurrentConnection ? Head!.LastSentAt + _timer.HeadTimeout : null;
        }

        return _sentOrder.First is { } earliest ? earliest.Value.LastSentAt + _timer.Timeout : null;
    }

    /// <summary>
    /// After a reconnect: every unacknowledged message goes out again, in sequence order, on the new socket.
    /// </summary>
    public void RewindForNewConnection()
    {
        _sentOrder.Clear();
        _nextToTransmit = OldestUnacknowledged;
        _timer.ResetBackoff();
    }

    private bool TryTakeTimedOut(TimeSpan now, out OutgoingMessage? message)
    {
        message = null;
        OutgoingMessage candidate;
        if (_timer.ConsecutiveHeadTimeouts > 0)
        {
            if (!HeadSentOnCurrentConnection || now < Head!.LastSentAt + _timer.HeadTimeout)
            {
                return false;
            }

            candidate = Head!;
        }
        else
        {
            if (_sentOrder.First is not { } earliest || now < earliest.Value.LastSentAt + _timer.Timeout)
            {
                return false;
            }

            candidate = earliest.Value;
        }

        if (candidate.SequenceNumber == OldestUnacknowledged)
        {
            _timer.HeadTimedOut();
        }

        _sentOrder.Remove(candidate.SentOrderNode);
        message = candidate;
        return true;
    }

    private bool TryTakeUnsent(out OutgoingMessage? message)
    {
        if (_nextToTransmit < OldestUnacknowledged)
        {
            _nextToTransmit = OldestUnacknowledged;
        }

        while (_nextToTransmit < NextSequenceNumber)
        {
            var candidate = _slots[SlotOf(_nextToTransmit)];
            _nextToTransmit++;
            if (candidate is not null && candidate.SentOrderNode.List is null)
            {
                message = candidate;
                return true;
            }
        }

        message = null;
        return false;
    }

    private int SlotOf(long sequenceNumber) => (int)(sequenceNumber % _slots.Length);
}
