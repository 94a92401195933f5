using EcsOps.Runbooks.Inspect;

namespace EcsOps.Runbooks.Tests.Inspect;

public class LineDiffTests
{
    [Fact]
    public void Unified_EqualLists_NoHunks() =>
        Assert.Empty(LineDiff.Unified(["a", "b"], ["a", "b"], l => l, l => l));

    [Fact]
    public void Unified_OneLineChangedInTheMiddle_OneHunkWithThreeLinesOfContextEachSide()
    {
        string[] before = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
        string[] after = ["1", "2", "3", "4", "FIVE", "6", "7", "8", "9"];

        var diff = LineDiff.Unified(before, after, l => l, l => l);

        Assert.Equal(
            ["@ @@ -2,7 +2,7 @@", "  2", "  3", "  4", "- 5", "+ FIVE", "  6", "  7", "  8"],
            diff.Select(d => $"{d.Kind} {d.Text}"));
    }

    [Fact]
    public void Unified_ChangesFarApart_TwoHunks()
    {
        var before = Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var after = before.Select(l => l is "2" or "19" ? l + "!" : l).ToArray();

        var diff = LineDiff.Unified(before, after, l => l, l => l);

        Assert.Equal(2, diff.Count(d => d.Kind == DiffLine.Hunk));
    }

    [Fact]
    public void Unified_ComparesByKeyShowsByProjection_MaskedValuesStillDiffer()
    {
        (string Text, string Shown)[] before = [("TOKEN=a", "TOKEN=<masked>")];
        (string Text, string Shown)[] after = [("TOKEN=b", "TOKEN=<masked>")];

        var diff = LineDiff.Unified(before, after, l => l.Text, l => l.Shown);

        Assert.Equal(["- TOKEN=<masked>", "+ TOKEN=<masked>"], diff.Where(d => d.Kind != DiffLine.Hunk).Select(d => $"{d.Kind} {d.Text}"));
    }
}
