using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Signing;

public class AmzDateTests
{
    [Theory]
    [InlineData("Sun, 30 Aug 2015 12:36:00 GMT")]
    [InlineData("Sun, 30 Aug 2015 12:36:00 -0000")]
    [InlineData("Sun, 30 Aug 2015 12:36:00 +0000")]
    [InlineData("Sun, 30 Aug 2015 14:36:00 +0200")]
    public void TryParseHttpDate_Rfc1123WithGmtOrNumericZone_ReadsUtcTime(string value)
    {
        Assert.True(AmzDate.TryParseHttpDate(value, out var time));
        Assert.Equal(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("20150830T123600Z")]
    [InlineData("Mon, 30 Aug 2015 12:36:00 GMT")]
    [InlineData("30 Aug 2015 12:36:00 GMT")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseHttpDate_OtherText_IsRejected(string? value)
    {
        Assert.False(AmzDate.TryParseHttpDate(value, out _));
    }
}
