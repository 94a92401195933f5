using System.Text;
using EcsOps.Runbooks.Exec;
using FsCheck.Xunit;

namespace EcsOps.Runbooks.Tests.Exec;

public class TerminalStatusFilterTests
{
    private const string Nonce = "abc123";

    private static byte[] Sequence(string nonce, string status) => Encoding.ASCII.GetBytes($"\u001b]ecsops-exit;{nonce};{status}\u0007");

    private static byte[] Ready(string nonce) => Encoding.ASCII.GetBytes($"\u001b]ecsops-ready;{nonce}\u0007");

    private static (byte[] Output, int? Status) FilterInPieces(byte[] stream, int seed)
    {
        var filter = new TerminalStatusFilter(Nonce);
        var random = new Random(seed);
        var output = new List<byte>();
        for (var offset = 0; offset < stream.Length;)
        {
            var take = Math.Min(random.Next(1, 12), stream.Length - offset);
            output.AddRange(filter.Filter(stream.AsSpan(offset, take)));
            offset += take;
        }

        output.AddRange(filter.Flush());
        return ([.. output], filter.ExitCode);
    }

    [Property(MaxTest = 300)]
    public void Filter_SplitAnywhere_RemovesOnlyTheSequencesAndReadsTheStatus(byte[] before, byte[] after, byte status, int seed)
    {
        var stream = Ready(Nonce).Concat(before).Concat(Sequence(Nonce, status.ToString(System.Globalization.CultureInfo.InvariantCulture))).Concat(after).ToArray();

        var (output, exit) = FilterInPieces(stream, seed);

        // Bytes before the sequence could by chance hold a whole sequence of this nonce only with the nonce itself.
        Assert.Equal(before.Concat(after).ToArray(), output);
        Assert.Equal(status, exit);
    }

    [Fact]
    public void Filter_AnotherRunsReadySequence_PassesThrough()
    {
        var stream = Ready("other1").Concat("out"u8.ToArray()).ToArray();

        var (output, exit) = FilterInPieces(stream, seed: 3);

        Assert.Equal(stream, output);
        Assert.Null(exit);
    }

    [Theory]
    [InlineData("other1", "0")]
    [InlineData(Nonce, "")]
    [InlineData(Nonce, "1234")]
    [InlineData(Nonce, "1x")]
    public void Filter_SomethingElseThanThisRunsSequence_PassesThroughAndReadsNoStatus(string nonce, string status)
    {
        var stream = Encoding.ASCII.GetBytes("out\u001b[1m").Concat(Sequence(nonce, status)).Concat("tail"u8.ToArray()).ToArray();

        var (output, exit) = FilterInPieces(stream, seed: 7);

        Assert.Equal(stream, output);
        Assert.Null(exit);
    }

    [Fact]
    public void Flush_TheOutputEndsInTheMiddleOfASequence_GivesTheHeldBytesBack()
    {
        var filter = new TerminalStatusFilter(Nonce);
        var partial = Encoding.ASCII.GetBytes("last line\n\u001b]ecsops-exit;abc");

        var passed = filter.Filter(partial);

        Assert.Equal("last line\n"u8.ToArray(), passed);
        Assert.Equal(Encoding.ASCII.GetBytes("\u001b]ecsops-exit;abc"), filter.Flush());
        Assert.Null(filter.ExitCode);
    }
}
