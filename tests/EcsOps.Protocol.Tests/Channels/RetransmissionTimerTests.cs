using EcsOps.Protocol.Channels;

namespace EcsOps.Protocol.Tests.Channels;

public class RetransmissionTimerTests
{
    private static RetransmissionTimer NewTimer() => new(TimeSpan.FromSeconds(4));

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));

    [Fact]
    public void New_Defaults_MatchFactSheetConstants()
    {
        var timer = NewTimer();

        Assert.Equal(Ms(100), timer.SmoothedRoundTripTime);
        Assert.Equal(TimeSpan.Zero, timer.RoundTripTimeVariation);
        Assert.Equal(Ms(200), timer.Timeout);
        Assert.Equal(Ms(200), timer.HeadTimeout);
    }

    [Fact]
    public void AddSample_20ms_UpdatesVariationFromOldEstimateThenSmooths()
    {
        var timer = NewTimer();

        timer.AddSample(Ms(20));

        // RTTVAR = 3/4·0 + 1/4·|100 − 20| = 20; SRTT = 7/8·100 + 1/8·20 = 90; RTO = 90 + max(10, 4·20) = 170.
        Assert.Equal(Ms(20), timer.RoundTripTimeVariation);
        Assert.Equal(Ms(90), timer.SmoothedRoundTripTime);
        Assert.Equal(Ms(170), timer.Timeout);
    }

    [Fact]
    public void AddSample_TwoSamples_ChainsTheEstimate()
    {
        var timer = NewTimer();
        timer.AddSample(Ms(20));

        timer.AddSample(Ms(50));

        // RTTVAR = 3/4·20 + 1/4·|90 − 50| = 25; SRTT = 7/8·90 + 1/8·50 = 85; RTO = 85 + 100 = 185.
        Assert.Equal(Ms(25), timer.RoundTripTimeVariation);
        Assert.Equal(Ms(85), timer.SmoothedRoundTripTime);
        Assert.Equal(Ms(185), timer.Timeout);
    }

    [Fact]
    public void AddSample_ManyLoopbackSamples_SettlesAtGranularityFloor()
    {
        var timer = NewTimer();

        for (var i = 0; i < 400; i++)
        {
            timer.AddSample(Ms(0.2));
        }

        // The plugin's RTO settles at about 10.5 ms on loopback (fact sheet §4.3): RTT + G.
        Assert.InRange(timer.Timeout, Ms(10.1), Ms(10.3));
    }

    [Fact]
    public void AddSample_HugeSample_CapsTimeoutAtOneSecond()
    {
        var timer = NewTimer();

        timer.AddSample(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(1), timer.Timeout);
    }

    [Fact]
    public void HeadTimedOut_Repeatedly_DoublesHeadTimeoutUpToCap()
    {
        var timer = NewTimer();

        timer.HeadTimedOut();
        Assert.Equal(Ms(400), timer.HeadTimeout);
        timer.HeadTimedOut();
        Assert.Equal(Ms(800), timer.HeadTimeout);
        for (var i = 0; i < 40; i++)
        {
            timer.HeadTimedOut();
        }

        Assert.Equal(TimeSpan.FromSeconds(4), timer.HeadTimeout);
        Assert.Equal(Ms(200), timer.Timeout);
    }

    [Fact]
    public void ResetBackoff_AfterTimeouts_ReturnsToPlainTimeout()
    {
        var timer = NewTimer();
        timer.HeadTimedOut();
        timer.HeadTimedOut();

        timer.ResetBackoff();

        Assert.Equal(0, timer.ConsecutiveHeadTimeouts);
        Assert.Equal(timer.Timeout, timer.HeadTimeout);
    }
}
