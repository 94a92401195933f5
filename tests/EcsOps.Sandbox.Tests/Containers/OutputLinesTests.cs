using System.Text;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Tests.Containers;

public class OutputLinesTests
{
    [Fact]
    public async Task Pump_MixedEndings_SplitsOnNewlineAndDropsCarriageReturn()
    {
        var lines = await PumpAsync("one\r\ntwo\n\nthree");

        Assert.Equal(["one", "two", "", "three"], lines);
    }

    [Fact]
    public async Task Pump_LineLongerThanTheLimit_IsSplitIntoBoundedPieces()
    {
        var lines = await PumpAsync(new string('x', OutputLines.MaxLineBytes * 2 + 5) + "\n");

        Assert.Equal([OutputLines.MaxLineBytes, OutputLines.MaxLineBytes, 5], lines.Select(l => l.Length));
    }

    [Fact]
    public async Task Pump_Utf8AcrossReads_DecodesWholeCharacters()
    {
        var lines = await PumpAsync("héllo wörld ✓\n");

        Assert.Equal(["héllo wörld ✓"], lines);
    }

    private static async Task<List<string>> PumpAsync(string text)
    {
        var lines = new List<string>();
        await OutputLines.PumpAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), lines.Add, CancellationToken.None);
        return lines;
    }
}
