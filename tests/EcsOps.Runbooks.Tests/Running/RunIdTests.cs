using EcsOps.Runbooks.Running;

namespace EcsOps.Runbooks.Tests.Running;

public sealed class RunIdTests
{
    [Fact]
    public void New_IsTwentySixCrockfordCharactersAndFitsStartedBy()
    {
        var id = RunId.New(TimeProvider.System);

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", id.Value);
        Assert.True(("ecsops:" + id.Value).Length <= 36);
    }

    [Fact]
    public void Create_LaterTime_SortsAfterAsText()
    {
        var earlier = RunId.Create(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), new byte[10].Select(_ => (byte)0xFF).ToArray());
        var later = RunId.Create(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001), new byte[10]);

        Assert.True(string.CompareOrdinal(earlier.Value, later.Value) < 0);
    }

    [Fact]
    public void Create_KeepsTheTimeToTheMillisecond()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_161_234_567);

        Assert.Equal(time, RunId.Create(time, new byte[10]).CreatedAt);
    }

    [Fact]
    public void Create_RandomBits_AllEightyUsed()
    {
        var ones = RunId.Create(DateTimeOffset.UnixEpoch, Enumerable.Repeat((byte)0xFF, 10).ToArray());

        Assert.Equal("0000000000" + new string('Z', 16), ones.Value);
    }

    [Fact]
    public void TryParse_RoundTripsAndAcceptsLowerCase()
    {
        var id = RunId.New(TimeProvider.System);

        Assert.True(RunId.TryParse(id.Value.ToLowerInvariant(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(RunId.TryParse("not-a-run-id", out _));
        Assert.False(RunId.TryParse("8" + new string('0', 25), out _));
    }
}
