using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Channels;

/// <summary>What <see cref="ReorderBuffer.Offer"/> did with a message.</summary>
internal enum ReorderOutcome
{
    /// <summary>New and within capacity: stored (ack it).</summary>
    Stored,

    /// <summary>Delivered or buffered already (ack it again, do not store).</summary>
    Duplicate,

    /// <summary>Too far ahead of delivery: not stored (do not ack; the sender retries).</summary>
    BeyondCapacity,
}

/// <summary>
/// Incoming stream data keyed by sequence number; also the delivery queue. Holds sequence numbers in
/// <c>[NextToDeliver, NextToDeliver + Capacity)</c>, so memory is bounded by capacity × max payload.
/// Not thread-safe: the data channel calls it under its lock.
/// </summary>
internal sealed class ReorderBuffer
{
    private readonly StreamData?[] _slots;

    public ReorderBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new StreamData?[capacity];
    }

    public int Capacity => _slots.Length;

    /// <summary>The sequence number the application receives next.</summary>
    public long NextToDeliver { get; private set; }

    /// <summary>Messages stored and not yet delivered.</summary>
    public int Count { get; private set; }

    /// <summary>True when the message with <see cref="NextToDeliver"/> is here.</summary>
    public bool CanDeliver => _slots[SlotOf(NextToDeliver)] is not null;

    /// <summary>
    /// Offers a received message. The payload is copied when stored: the caller's buffer is reused.
    /// </summary>
    public ReorderOutcome Offer(long sequenceNumber, PayloadType payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNumber);
        if (sequenceNumber < NextToDeliver)
        {
            return ReorderOutcome.Duplicate;
        }

        if (sequenceNumber - NextToDeliver >= _slots.Length)
        {
            return ReorderOutcome.BeyondCapacity;
        }

        var slot = SlotOf(sequenceNumber);
        if (_slots[slot] is not null)
        {
            return ReorderOutcome.Duplicate;
        }

        _slots[slot] = new StreamData(payloadType, sequenceNumber, payload.ToArray());
        Count++;
        return ReorderOutcome.Stored;
    }

    /// <summary>Takes the message with <see cref="NextToDeliver"/> if it is here.</summary>
    public bool TryTake(out StreamData data)
    {
        var slot = SlotOf(NextToDeliver);
        if (_slots[slot] is not { } stored)
        {
            data = default;
            return false;
        }

        _slots[slot] = null;
        Count--;
        NextToDeliver++;
        data = stored;
        return true;
    }

    private int SlotOf(long sequenceNumber) => (int)(sequenceNumber % _slots.Length);
}
