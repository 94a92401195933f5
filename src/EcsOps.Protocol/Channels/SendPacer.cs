namespace EcsOps.Protocol.Channels;

/// <summary>
/// Holds stream-data sends to at most one per <see cref="Interval"/> on average, as the real agent does
/// by sleeping after every send (fact sheet §4.5). It keeps a schedule rather than sleeping a fixed time
/// per message, because timers overshoot by about a millisecond and a per-message sleep would halve the rate.
/// Used only to emulate AWS in the sandbox; the client never paces.
/// </summary>
internal sealed class SendPacer(TimeSpan interval, TimeProvider timeProvider)
{
    private long _nextSlot = timeProvider.GetTimestamp();

    public TimeSpan Interval => interval;

    /// <summary>Waits until the next send slot is due, then books the one after it.</summary>
    public async ValueTask WaitForSlotAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetTimestamp();
        var ahead = timeProvider.GetElapsedTime(now, _nextSlot);
        if (_nextSlot > now && ahead >= interval)
        {
            await Task.Delay(ahead, timeProvider, cancellationToken);
        }

        // A sender that fell behind (idle, or slowed by the peer) does not earn a burst for the time it lost.
        var slotLength = (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
        _nextSlot = Math.Max(_nextSlot, now - slotLength) + slotLength;
    }
}
