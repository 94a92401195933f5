using EcsOps.Cli.Targeting;

namespace EcsOps.Cli.Tests.Targeting;

public sealed class FuzzyPickerStateTests
{
    private static readonly string[] s_labels =
    [
        "dev/us-east-1/dev-web/web/app  task 1111",
        "dev/us-east-1/dev-web/worker/worker  task 2222",
        "prod/eu-west-1/prod-api/api/api  task 3333",
        "prod/eu-west-1/prod-api/api/envoy  task 3333",
    ];

    [Fact]
    public void Type_Subsequence_KeepsOnlyLabelsContainingItsLettersInOrder()
    {
        var state = new FuzzyPickerState(s_labels);

        foreach (var letter in "pdenv")
        {
            state.Type(letter);
        }

        var match = Assert.Single(state.Matches);
        Assert.Equal(3, match.Index);
        Assert.Equal(3, state.Selected);
    }

    [Fact]
    public void Type_SeveralWords_EveryWordMustMatch()
    {
        var state = new FuzzyPickerState(s_labels);

        foreach (var letter in "api 3333")
        {
            state.Type(letter);
        }

        Assert.Equal([2, 3], state.Matches.Select(m => m.Index));
    }

    [Fact]
    public void Type_WordStartAndConsecutiveLetters_RankFirst()
    {
        var state = new FuzzyPickerState(s_labels);

        foreach (var letter in "work")
        {
            state.Type(letter);
        }

        Assert.Equal(1, state.Matches[0].Index);
        Assert.Equal(new HashSet<int> { 22, 23, 24, 25 }, state.Matches[0].Positions.ToHashSet()); // "work" of the first "worker", after a slash
    }

    [Fact]
    public void Type_NothingMatches_NoSelectionUntilBackspace()
    {
        var state = new FuzzyPickerState(s_labels);

        state.Type('z');
        state.Type('q');

        Assert.Empty(state.Matches);
        Assert.Null(state.Selected);
        state.Backspace();
        state.Backspace();
        Assert.Equal(4, state.Matches.Count);
        Assert.Equal(0, state.Selected);
    }

    [Fact]
    public void Move_PastEitherEnd_Wraps()
    {
        var state = new FuzzyPickerState(s_labels);

        state.Move(-1);
        Assert.Equal(3, state.Selected);
        state.Move(2);
        Assert.Equal(1, state.Selected);
    }

    [Fact]
    public void Type_AfterMoving_HighlightReturnsToTheBestMatch()
    {
        var state = new FuzzyPickerState(s_labels);
        state.Move(2);

        state.Type('d');

        Assert.Equal(0, state.Cursor);
    }

    [Theory]
    [InlineData("WEB", "dev/us-east-1/dev-web/web/app", true)]
    [InlineData("dwa", "dev/us-east-1/dev-web/web/app", true)]
    [InlineData("awd", "dev/us-east-1/dev-web/web/app", false)]
    [InlineData("", "anything", true)]
    public void Match_CaseInsensitiveSubsequence(string query, string label, bool matches)
    {
        Assert.Equal(matches, FuzzyMatch.Match(query, label) is not null);
    }
}
