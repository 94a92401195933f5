using EcsOps.Protocol.Channels;

namespace EcsOps.Protocol.Tests.Channels;

public class OutgoingWindowTests
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(4);

    private static OutgoingWindow NewWindow(int capacity) => new(capacity, new RetransmissionTimer(s_maxBackoff));

    private static OutgoingMessage Take(OutgoingWindow window, TimeSpan now)
    {
        Assert.True(window.TryTakeNextTransmission(now, out var message, out _));
        return message!;
    }

    [Fact]
    public void HasRoom_SpanOfCapacityUnacked_IsFalseUntilHeadAcked()
    {
        var window = NewWindow(2);
        window.Add([0], 1);
        window.Add([1], 1);
        Take(window, TimeSpan.Zero);
        Take(window, TimeSpan.Zero);

        Assert.False(window.HasRoom);
        window.TryAcknowledge(1, TimeSpan.Zero, out _);
        Assert.False(window.HasRoom);
        window.TryAcknowledge(0, TimeSpan.Zero, out _);
        Assert.True(window.HasRoom);
        Assert.True(window.IsEmpty);
    }

    [Fact]
    public void HasRoomForBurst_FullWindow_OnlyOnceAnEighthIsFreeOrAllIsAcked()
    {
        var window = NewWindow(16);
        for (var i = 0; i < 16; i++)
        {
            window.Add([(byte)i], 1);
            Take(window, TimeSpan.Zero);
        }

        Assert.Equal(2, window.BurstRoom);
        Assert.False(window.HasRoomForBurst);
        window.TryAcknowledge(0, TimeSpan.Zero, out _);
        Assert.True(window.HasRoom);
        Assert.False(window.HasRoomForBurst);
        window.TryAcknowledge(1, TimeSpan.Zero, out _);
        Assert.True(window.HasRoomForBurst);

        // A window smaller than eight still wakes for one free slot; an empty one always counts.
        var small = NewWindow(4);
        Assert.Equal(1, small.BurstRoom);
        Assert.True(small.HasRoomForBurst);
    }

    [Fact]
    public void TryAcknowledge_UnknownOrNeverSent_IsIgnored()
    {
        var window = NewWindow(4);
        window.Add([0], 1);

        Assert.False(window.TryAcknowledge(7, TimeSpan.Zero, out _));
        Assert.False(window.TryAcknowledge(0, TimeSpan.Zero, out _));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void TryAcknowledge_FirstTransmission_FeedsRoundTripSample()
    {
        var window = NewWindow(4);
        window.Add([0], 1);
        Take(window, TimeSpan.FromSeconds(10));

        window.TryAcknowledge(0, TimeSpan.FromSeconds(10) + TimeSpan.FromMilliseconds(20), out _);

        Assert.Equal(TimeSpan.FromMilliseconds(170), window.Timer.Timeout);
    }

    [Fact]
    public void TryAcknowledge_RetransmittedMessage_GivesNoSample()
    {
        var window = NewWindow(4);
        window.Add([0], 1);
        Take(window, TimeSpan.Zero);
        Assert.True(window.TryTakeNextTransmission(TimeSpan.FromMilliseconds(200), out _, out var again));
        Assert.True(again);

        window.TryAcknowledge(0, TimeSpan.FromMilliseconds(201), out _);

        Assert.Equal(RetransmissionTimer.InitialTimeout, window.Timer.Timeout);
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Adds and sends messages 0..count-1 at the given times.</summary>
    private static OutgoingWindow SentAt(params int[] milliseconds)
    {
        var window = NewWindow(8);
        foreach (var at in milliseconds)
        {
            window.Add([0], 1);
            Take(window, Ms(at));
        }

        return window;
    }

    [Fact]
    public void TryTakeNextTransmission_LaterMessageAcked_EachOverdueMessageResent()
    {
        var window = SentAt(0, 10, 20);
        window.TryAcknowledge(2, Ms(30), out _);
        var rto = window.Timer.Timeout;

        Assert.False(window.TryTakeNextTransmission(rto - TimeSpan.FromTicks(1), out _, out _));
        Assert.Equal(0, Take(window, rto).SequenceNumber);
        Assert.Equal(Ms(10) + rto, window.NextRetransmissionDeadline());
        Assert.Equal(1, Take(window, Ms(10) + rto).SequenceNumber);
    }

    [Fact]
    public void TryTakeNextTransmission_NoLaterAck_OnlyHeadResent()
    {
        // A deep queue, not a loss: nothing after message 0 was acked, so only the head is resent.
        var window = SentAt(0, 10);

        Assert.Equal(0, Take(window, Ms(200)).SequenceNumber);
        Assert.False(window.TryTakeNextTransmission(Ms(599), out _, out _));
        Assert.Equal(Ms(600), window.NextRetransmissionDeadline());
    }

    [Fact]
    public void TryTakeNextTransmission_HeadTimesOutOnce_BacksOffHeadButNotOthers()
    {
        var window = SentAt(0, 10, 20);
        window.TryAcknowledge(2, Ms(20), out _);
        var rto = window.Timer.Timeout;

        Assert.Equal(0, Take(window, rto).SequenceNumber);

        // Head: next at rto + 2 × RTO; message 1 at 10 ms + RTO (a later message was acked: a loss).
        Assert.Equal(Ms(10) + rto, window.NextRetransmissionDeadline());
        Assert.Equal(1, Take(window, Ms(10) + rto).SequenceNumber);
        Assert.Equal(rto * 3, window.NextRetransmissionDeadline());
        Assert.Equal(0, Take(window, rto * 3).SequenceNumber);
    }

    [Fact]
    public void TryTakeNextTransmission_HeadTimesOutTwice_OnlyHeadProbedWithDoublingInterval()
    {
        var window = SentAt(0, 10, 20);
        window.TryAcknowledge(2, Ms(20), out _);
        var rto = window.Timer.Timeout;
        Take(window, rto);
        Take(window, Ms(10) + rto);
        Assert.Equal(0, Take(window, rto * 3).SequenceNumber);

        // Message 1 is overdue again, but a head that keeps timing out means a stalled receiver: only
        // the head is probed, every 4 × RTO now.
        Assert.False(window.TryTakeNextTransmission((rto * 7) - TimeSpan.FromTicks(1), out _, out _));
        Assert.Equal(rto * 7, window.NextRetransmissionDeadline());
        Assert.Equal(0, Take(window, rto * 7).SequenceNumber);
    }

    [Fact]
    public void TryTakeNextTransmission_HeadAckedWhileProbing_NewHeadResentAtPlainTimeout()
    {
        var window = SentAt(0, 10, 20);
        window.TryAcknowledge(2, Ms(20), out _);
        var rto = window.Timer.Timeout;
        Take(window, rto);
        Take(window, Ms(10) + rto);
        Take(window, rto * 3);
        Assert.Equal(2, window.Timer.ConsecutiveHeadTimeouts);

        window.TryAcknowledge(0, rto * 3, out _);

        Assert.Equal(0, window.Timer.ConsecutiveHeadTimeouts);
        Assert.Equal(1, Take(window, rto * 3).SequenceNumber);
    }

    [Fact]
    public void TryAcknowledge_ProbeOfTimedOutHeadAnswered_EverythingSentBeforeIsResentAtOnce()
    {
        // The peer vanished (or refused everything) after message 0: nothing was acked, so nothing but
        // the head was retried. Once a probe gets through, the rest must follow without waiting for
        // each to become the head.
        var window = SentAt(0, 1, 2, 3);
        var rto = window.Timer.Timeout;
        Assert.Equal(0, Take(window, rto).SequenceNumber);
        Assert.False(window.TryTakeNextTransmission(rto * 2, out _, out _));

        window.TryAcknowledge(0, rto * 2, out _);

        var resent = new List<long>();
        while (window.TryTakeNextTransmission(rto * 2, out var message, out _))
        {
            resent.Add(message!.SequenceNumber);
        }

        Assert.Equal([1L, 2L, 3L], resent);
    }

    [Fact]
    public void RewindForNewConnection_UnackedMessages_AllGoOutAgainInOrder()
    {
        var window = NewWindow(8);
        for (var i = 0; i < 4; i++)
        {
            window.Add([(byte)i], 1);
            Take(window, TimeSpan.Zero);
        }

        window.TryAcknowledge(1, TimeSpan.Zero, out _);
        window.Add([4], 1);

        window.RewindForNewConnection();

        var resent = new List<(long, bool)>();
        while (window.TryTakeNextTransmission(TimeSpan.FromMilliseconds(1), out var message, out var again))
        {
            resent.Add((message!.SequenceNumber, again));
        }

        Assert.Equal([(0L, true), (2L, true), (3L, true), (4L, false)], resent);
    }
}
