using EcsOps.Protocol.Channels;

namespace EcsOps.Protocol.Tests.Channels;

public class ReconnectBackoffTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NextDelay_Sequence_StartsRandom100To199ThenDoublesCappedAt5s(int seed)
    {
        var backoff = new ReconnectBackoff(new Random(seed));

        var first = backoff.NextDelay();
        var delays = Enumerable.Range(0, 10).Select(_ => backoff.NextDelay()).ToList();

        Assert.InRange(first, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(199));
        Assert.Equal(first * 2, delays[0]);
        Assert.Equal(first * 4, delays[1]);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(5), delays[^1]);
    }
}
