namespace EcsOps.Protocol.Channels;

/// <summary>
/// Holds stream-data sends to at most one per <see cref="Interval"/> on average, as the real agent does
/// by sleeping after every send (fact sheet §4.5). It keeps a schedule rather than sleeping a fixed time
/// per message, because timers overshoot by about a millisecond and a per-message sleep would halve the rate.
/// Safe for concurrent senders (mux streams): each caller books its own slot.
/// Used only to emulate AWS in the sandbox; the client never paces.
/// </summary>
internal sealed class SendPacer(TimeSpan interval, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly long _slotLength = (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
    private long _nextSlot = timeProvider.GetTimestamp();

    public TimeSpan Interval => interval;

    /// <summary>Books the next send slot and waits until it is due.</summary>
    public async ValueTask WaitForSlotAsync(CancellationToken cancellationToken)
    {
        long slot;
        long now;
        lock (_gate)
        {
            now = timeProvider.GetTimestamp();

            // A sender that fell behind (idle, or slowed by the peer) does not earn a burst for the time it lost.
            slot = Math.Max(_nextSlot, now - _slotLength);
            _nextSlot = slot + _slotLength;
        }

        var ahead = timeProvider.GetElapsedTime(now, slot);
        if (slot > now && ahead >= interval)
        {
            await Task.Delay(ahead, timeProvider, cancellationToken);
        }
    }
}
