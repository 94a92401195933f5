using System.Text;
using System.Text.RegularExpressions;
using EcsOps.Aws.Discovery;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Aws.Tests.Discovery;

public class GlobPatternTests
{
    [Theory]
    [InlineData("web", "web", true)]
    [InlineData("web", "web2", false)]
    [InlineData("web*", "web", true)]
    [InlineData("web*", "web-blue", true)]
    [InlineData("*-blue", "web-blue", true)]
    [InlineData("*-blue", "web-green", false)]
    [InlineData("w?b", "web", true)]
    [InlineData("w?b", "wb", false)]
    [InlineData("*a*b*", "xxaxxbxx", true)]
    [InlineData("*a*b", "xxaxxbxxc", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("Web", "web", false)]
    public void Matches_Pattern_FollowsGlobRules(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, GlobPattern.Of(pattern).Matches(text));
    }

    [Theory]
    [InlineData("web", true, false)]
    [InlineData("w*", false, false)]
    [InlineData("*", false, true)]
    [InlineData("**", false, true)]
    [InlineData("?", false, false)]
    public void Kind_Pattern_IsClassified(string pattern, bool literal, bool everything)
    {
        var glob = GlobPattern.Of(pattern);

        Assert.Equal(literal, glob.IsLiteral);
        Assert.Equal(everything, glob.MatchesEverything);
    }

    [Fact]
    public void Matches_PathologicalPattern_FinishesQuickly()
    {
        var pattern = GlobPattern.Of(string.Concat(Enumerable.Repeat("a*", 500)) + "b");

        Assert.False(pattern.Matches(new string('a', 5000)));
    }

    private static readonly Gen<string> s_patterns =
        Gen.Elements('a', 'b', '*', '?').ArrayOf().Select(chars => new string(chars));

    private static readonly Gen<string> s_texts = Gen.Elements('a', 'b').ArrayOf().Select(chars => new string(chars));

    [Property(MaxTest = 1000)]
    public Property Matches_AnyPatternAndText_AgreesWithRegexTranslation() =>
        Prop.ForAll(s_patterns.ToArbitrary(), s_texts.ToArbitrary(), (pattern, text) =>
        {
            var regex = new StringBuilder("^");
            foreach (var c in pattern)
            {
                regex.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
            }

            var expected = Regex.IsMatch(text, regex.Append('$').ToString(), RegexOptions.Singleline);
            return GlobPattern.Of(pattern).Matches(text) == expected;
        });
}
