namespace EcsOps.Protocol.Channels;

/// <summary>
/// Retransmission timeout (RTO) estimate, RFC 6298-shaped with the constants both the plugin and the
/// agent use (fact sheet §4.3), plus exponential back-off for a head message that keeps timing out.
/// Not thread-safe: the owning window serializes access.
/// </summary>
internal sealed class RetransmissionTimer
{
    public static readonly TimeSpan InitialRoundTripTime = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan InitialTimeout = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan ClockGranularity = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(1);
    public const double Alpha = 1.0 / 8;
    public const double Beta = 1.0 / 4;

    // 2^16 × 1 s is far beyond any sensible cap; stops the shift from overflowing.
    private const int MaxBackoffExponent = 16;

    private readonly TimeSpan _maxBackoffTimeout;

    public RetransmissionTimer(TimeSpan maxBackoffTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxBackoffTimeout, TimeSpan.Zero);
        _maxBackoffTimeout = maxBackoffTimeout;
    }

    /// <summary>SRTT.</summary>
    public TimeSpan SmoothedRoundTripTime { get; private set; } = InitialRoundTripTime;

    /// <summary>RTTVAR.</summary>
    public TimeSpan RoundTripTimeVariation { get; private set; } = TimeSpan.Zero;

    /// <summary>RTO: how long a message may stay unacked before it is sent again.</summary>
    public TimeSpan Timeout { get; private set; } = InitialTimeout;

    /// <summary>How many times in a row the oldest unacknowledged message timed out.</summary>
    public int ConsecutiveHeadTimeouts { get; private set; }

    /// <summary>
    /// The interval for the head message: RTO doubled per consecutive timeout, capped, so that a stalled
    /// receiver sees one probe per interval rather than a flood.
    /// </summary>
    public TimeSpan HeadTimeout
    {
        get
        {
            if (ConsecutiveHeadTimeouts == 0)
            {
                return Timeout;
            }

            var backedOff = Timeout.Ticks * (double)(1L << ConsecutiveHeadTimeouts);
            return backedOff >= _maxBackoffTimeout.Ticks ? Max(_maxBackoffTimeout, Timeout) : TimeSpan.FromTicks((long)backedOff);
        }
    }

    /// <summary>
    /// Adds one round-trip sample: now minus the last-sent time of a message that was sent only once
    /// (Karn: samples of retransmitted messages are ambiguous and must not be passed here).
    /// </summary>
    public void AddSample(TimeSpan sample)
    {
        if (sample < TimeSpan.Zero)
        {
            sample = TimeSpan.Zero;
        }

        var rtt = (double)SmoothedRoundTripTime.Ticks;
        var variation = ((1 - Beta) * RoundTripTimeVariation.Ticks) + (Beta * Math.Abs(rtt - sample.Ticks));
        rtt = ((1 - Alpha) * rtt) + (Alpha * sample.Ticks);
        var timeout = rtt + Math.Max(ClockGranularity.Ticks, 4 * variation);

        RoundTripTimeVariation = TimeSpan.FromTicks((long)Math.Round(variation));
        SmoothedRoundTripTime = TimeSpan.FromTicks((long)Math.Round(rtt));
        Timeout = TimeSpan.FromTicks((long)Math.Round(Math.Min(MaxTimeout.Ticks, timeout)));
    }

    /// <summary>The head message was sent again because it timed out: the next interval doubles.</summary>
    public void HeadTimedOut()
    {
        if (ConsecutiveHeadTimeouts < MaxBackoffExponent)
        {
            ConsecutiveHeadTimeouts++;
        }
    }

    /// <summary>The head was acknowledged (or the socket replaced): back to the plain RTO.</summary>
    public void ResetBackoff() => ConsecutiveHeadTimeouts = 0;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
