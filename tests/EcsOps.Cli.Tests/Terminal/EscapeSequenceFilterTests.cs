using System.Text;
using EcsOps.Cli.Terminal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Cli.Tests.Terminal;

public sealed class EscapeSequenceFilterTests
{
    [Theory]
    [InlineData("~.", "", true)]
    [InlineData("ls\r~.", "ls\r", true)]
    [InlineData("ls\n~.rest", "ls\n", true)]
    [InlineData("a~.", "a~.", false)]
    [InlineData("~~.", "~.", false)]
    [InlineData("~x", "~x", false)]
    [InlineData("echo ~/x\r", "echo ~/x\r", false)]
    public void Filter_Typing_PassesOnAllButTheEscape(string typed, string sent, bool leaves)
    {
        var filter = new EscapeSequenceFilter();

        var output = filter.Filter(Encoding.ASCII.GetBytes(typed));

        Assert.Equal(sent, Encoding.ASCII.GetString(output));
        Assert.Equal(leaves, filter.LeaveRequested);
    }

    [Fact]
    public void Filter_TildeAndDotInSeparateReads_StillLeaves()
    {
        var filter = new EscapeSequenceFilter();

        Assert.Empty(filter.Filter("~"u8));
        Assert.Empty(filter.Filter("."u8));
        Assert.True(filter.LeaveRequested);
    }

    [Property]
    public Property Filter_InputWithoutTilde_IsSentUnchangedInAnySplit(byte[] input, PositiveInt split)
    {
        var clean = input.Where(b => b != (byte)'~').ToArray();
        var at = split.Get % (clean.Length + 1);
        var filter = new EscapeSequenceFilter();

        var output = filter.Filter(clean.AsSpan(0, at)).Concat(filter.Filter(clean.AsSpan(at))).ToArray();

        return (output.SequenceEqual(clean) && !filter.LeaveRequested).ToProperty();
    }
}
