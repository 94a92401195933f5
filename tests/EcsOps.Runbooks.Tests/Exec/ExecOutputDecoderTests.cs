using System.Text;
using EcsOps.Runbooks.Exec;
using FsCheck.Xunit;

namespace EcsOps.Runbooks.Tests.Exec;

public class ExecOutputDecoderTests
{
    private const string Nonce = "n0nce";

    private static string Framed(string tag, byte[] data) => tag + Convert.ToBase64String(data) + "\r\n";

    private static List<ExecOutputRecord> FeedAll(ExecOutputDecoder decoder, byte[] stream, int seed)
    {
        var random = new Random(seed);
        var records = new List<ExecOutputRecord>();
        for (var offset = 0; offset < stream.Length;)
        {
            var take = Math.Min(random.Next(1, 40), stream.Length - offset);
            records.AddRange(decoder.Feed(stream.AsSpan(offset, take)));
            offset += take;
        }

        return records;
    }

    [Property(MaxTest = 200)]
    public void Feed_SplitAnywhere_DecodesStreamsAndStatus(byte[] stdout, byte[] stderr, int seed)
    {
        var stream = Encoding.ASCII.GetBytes(
            "banner\r\nR" + Nonce + "\r\n" + Framed("O", stdout) + Framed("E", stderr) + "X" + Nonce + " 7\r\n");

        var records = FeedAll(new ExecOutputDecoder(Nonce), stream, seed);

        Assert.Equal(stdout, records.Where(r => r.Kind == ExecOutputKind.StandardOutput).SelectMany(r => r.Data).ToArray());
        Assert.Equal(stderr, records.Where(r => r.Kind == ExecOutputKind.StandardError).SelectMany(r => r.Data).ToArray());
        Assert.Equal(7, Assert.Single(records, r => r.Kind == ExecOutputKind.Exit).ExitCode);
    }

    [Fact]
    public void Feed_FramedLinesBeforeReady_AreNoise()
    {
        var decoder = new ExecOutputDecoder(Nonce);

        var records = decoder.Feed(Encoding.ASCII.GetBytes("T0sK\nX" + Nonce + " 0\n"));

        Assert.All(records, r => Assert.Equal(ExecOutputKind.Noise, r.Kind));
        Assert.Null(decoder.ExitCode);
    }

    [Fact]
    public void Feed_TrailerWithAnotherNonce_IsNotTheExitStatus()
    {
        var decoder = new ExecOutputDecoder(Nonce);

        decoder.Feed(Encoding.ASCII.GetBytes("R" + Nonce + "\nXforged 0\n"));

        Assert.Null(decoder.ExitCode);
    }

    [Fact]
    public void Feed_GarbledFramedLine_Throws()
    {
        var decoder = new ExecOutputDecoder(Nonce);

        Assert.Throws<FormatException>(() => decoder.Feed(Encoding.ASCII.GetBytes("R" + Nonce + "\nO!!!not-base64\n")));
    }

    [Property(MaxTest = 200)]
    public void InputEncoder_AnyChunking_RoundTripsThroughBase64Lines(byte[] data, int seed)
    {
        var encoder = new ExecInputEncoder();
        var random = new Random(seed);
        var wire = new List<byte>();
        for (var offset = 0; offset < data.Length;)
        {
            var take = Math.Min(random.Next(1, 100), data.Length - offset);
            wire.AddRange(encoder.Encode(data.AsSpan(offset, take)));
            offset += take;
        }

        wire.AddRange(encoder.Finish());

        Assert.Equal(0x04, wire[^1]);
        var lines = Encoding.ASCII.GetString([.. wire.SkipLast(1)]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length <= 76));
        Assert.Equal(data, lines.SelectMany(Convert.FromBase64String).ToArray());
    }
}
