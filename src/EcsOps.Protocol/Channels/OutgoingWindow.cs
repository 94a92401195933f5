namespace EcsOps.Protocol.Channels;

/// <summary>
/// The outgoing half of reliability: sequenced messages not yet acknowledged, and which one to put on
/// the wire next. Bounded as a span of sequence numbers (<c>oldest unacked .. next to assign</c>), which
/// also keeps a sender inside a receiver's reorder buffer of the same size.
/// Not thread-safe: the data channel calls it under its lock.
/// </summary>
/// <remarks>
/// Retransmission rule:
/// <list type="bullet">
/// <item>The head (oldest unacked) is sent again once <c>last-sent + RTO</c> passed; its interval doubles
/// with each consecutive timeout (capped).</item>
/// <item>Any other message is sent again once <c>last-sent + RTO</c> passed <em>and</em> a message sent
/// after it was acknowledged: the path is FIFO, so that ack is evidence of loss, not of a long queue.
/// Independent losses are repaired in parallel, earliest-sent first, while a deep queue (a slow link
/// behind a large window) does not trigger a resend of everything in flight.</item>
/// <item>Once the head timed out <see cref="HeadTimeoutsBeforeProbing"/> times in a row the receiver
/// looks stalled, and only the head is probed until it is acked.</item>
/// </list>
/// </remarks>
internal sealed class OutgoingWindow
{
    /// <summary>Consecutive head timeouts after which only the head is retransmitted.</summary>
    public const int HeadTimeoutsBeforeProbing = 2;

    private readonly OutgoingMessage?[] _slots;
    private readonly LinkedList<OutgoingMessage> _sentOrder = new();
    private readonly RetransmissionTimer _timer;
    private long _nextToTransmit;

    // Last-sent time of the latest-sent message known to have arrived: acked after a single transmission
    // (Karn: the ack of a retransmitted message could belong to either copy), or a head probe that was
    // answered after a timeout. Unacked messages sent before it are overdue because they were lost.
    private TimeSpan _newestAckedSentAt = TimeSpan.MinValue;

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

    /// <summary>Sequence numbers that can be assigned before the window is full.</summary>
    public int FreeSlots => _slots.Length - (int)(NextSequenceNumber - OldestUnacknowledged);

    /// <summary>
    /// Free slots worth waking a sender that waits for room: an eighth of the window (at least one). A sender
    /// woken for every single ack of a full window adds one message per wake-up, and each message then costs a
    /// wake-up of the sender and of the write loop; woken for a burst it adds many and they go out in batches.
    /// </summary>
    public int BurstRoom => Math.Max(1, _slots.Length / 8);

    /// <summary>Whether waiters on the window should be woken now: empty (flushed), or room for a burst.</summary>
    public bool HasRoomForBurst => IsEmpty || FreeSlots >= BurstRoom;

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
            NoteLossEvidence(message.LastSentAt);
        }
        else if (sequenceNumber == OldestUnacknowledged
                 && _timer.ConsecutiveHeadTimeouts > 0
                 && now - message.LastSentAt >= _timer.SmoothedRoundTripTime / 2)
        {
            // A probe of a timed-out head got through, and too late to be the ack of the original copy:
            // the peer was unreachable (its socket was replaced) or refused data (its buffer was full).
            // Whatever went out before the probe is lost as well; resend it now rather than one
            // message per round trip as each becomes the head.
            NoteLossEvidence(message.LastSentAt);
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
        TimeSpan? deadline = HeadSentOnCurrentConnection ? Head!.LastSentAt + _timer.HeadTimeout : null;
        if (Probing)
        {
            return deadline;
        }

        // The sent list is in last-sent order and every non-head message uses the plain RTO, so the
        // first non-head entry is the earliest of them. Without evidence of loss it has no deadline:
        // the ack that would provide the evidence wakes the write loop anyway.
        for (var node = _sentOrder.First; node is not null; node = node.Next)
        {
            if (node.Value.SequenceNumber != OldestUnacknowledged)
            {
                if (!LossEvident(node.Value))
                {
                    return deadline;
                }

                var due = node.Value.LastSentAt + _timer.Timeout;
                return deadline is null || due < deadline ? due : deadline;
            }
        }

        return deadline;
    }

    /// <summary>
    /// After a reconnect: every unacknowledged message goes out again, in sequence order, on the new socket.
    /// </summary>
    public void RewindForNewConnection()
    {
        _sentOrder.Clear();
        _newestAckedSentAt = TimeSpan.MinValue;
        _nextToTransmit = OldestUnacknowledged;
        _timer.ResetBackoff();
    }

    private void NoteLossEvidence(TimeSpan sentAt)
    {
        if (sentAt > _newestAckedSentAt)
        {
            _newestAckedSentAt = sentAt;
        }
    }

    private bool LossEvident(OutgoingMessage message) => _newestAckedSentAt > message.LastSentAt;

    private bool Probing => _timer.ConsecutiveHeadTimeouts >= HeadTimeoutsBeforeProbing;

    private bool TryTakeTimedOut(TimeSpan now, out OutgoingMessage? message)
    {
        message = null;
        if (HeadSentOnCurrentConnection && now >= Head!.LastSentAt + _timer.HeadTimeout)
        {
            message = Head;
            _timer.HeadTimedOut();
        }
        else if (!Probing)
        {
            for (var node = _sentOrder.First; node is not null; node = node.Next)
            {
                var candidate = node.Value;
                if (candidate.SequenceNumber == OldestUnacknowledged)
                {
                    continue;
                }

                if (now >= candidate.LastSentAt + _timer.Timeout && LossEvident(candidate))
                {
                    message = candidate;
                }

                // Later entries were sent later and share the same RTO and evidence: the first one decides.
                break;
            }
        }

        if (message is null)
        {
            return false;
        }

        _sentOrder.Remove(message.SentOrderNode);
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
