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

    [Fact]
    public void TryTakeNextTransmission_HeadTimedOut_ProbesOnlyTheHeadWithDoublingInterval()
    {
        var window = NewWindow(8);
        window.Add([0], 1);
        window.Add([1], 1);
        Take(window, TimeSpan.Zero);
        Take(window, TimeSpan.Zero);

        var first = Take(window, TimeSpan.FromMilliseconds(200));

        Assert.Equal(0, first.SequenceNumber);
        // Message 1 is overdue too, but while the head is unanswered only the head is probed.
        Assert.False(window.TryTakeNextTransmission(TimeSpan.FromMilliseconds(599), out _, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(600), window.NextRetransmissionDeadline());
        Assert.Equal(0, Take(window, TimeSpan.FromMilliseconds(600)).SequenceNumber);
    }

    [Fact]
    public void TryTakeNextTransmission_HeadAckedAfterProbe_ResendsTheRestAtPlainTimeout()
    {
        var window = NewWindow(8);
        window.Add([0], 1);
        window.Add([1], 1);
        Take(window, TimeSpan.Zero);
        Take(window, TimeSpan.Zero);
        Take(window, TimeSpan.FromMilliseconds(200));

        window.TryAcknowledge(0, TimeSpan.FromMilliseconds(210), out _);

        Assert.Equal(1, Take(window, TimeSpan.FromMilliseconds(210)).SequenceNumber);
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
