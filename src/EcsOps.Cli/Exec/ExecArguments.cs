using System.CommandLine;
using System.CommandLine.Parsing;

namespace EcsOps.Cli.Exec;

/// <summary>
/// Splits <c>exec [SELECTOR] [-- CMD ARGS...]</c> at the <c>--</c>: System.CommandLine fills positional arguments in
/// order, so in <c>exec -- true</c> it would take <c>true</c> for the selector. What came before <c>--</c> is the
/// selector (at most one word), everything after it the command. Without <c>--</c>, the first word is the selector
/// and the rest the command, as with ssh.
/// </summary>
public static class ExecArguments
{
    /// <exception cref="UserFacingException">More than one word before <c>--</c> (exit 2).</exception>
    public static (string? Selector, IReadOnlyList<string> Command) Split(ParseResult parse, Argument<string?> selector, Argument<string[]> command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var all = parse.Tokens;
        var doubleDash = IndexOf(all, t => t.Type == TokenType.DoubleDash);
        var positional = (parse.GetResult(selector)?.Tokens ?? [])
            .Concat(parse.GetResult(command)?.Tokens ?? [])
            .Select(token => (Token: token, Index: IndexOf(all, t => ReferenceEquals(t, token))))
            .OrderBy(p => p.Index)
            .ToList();
        if (doubleDash < 0)
        {
            var words = positional.Select(p => p.Token.Value).ToList();
            return words.Count == 0 ? (null, []) : (words[0], words[1..]);
        }

        var before = positional.Where(p => p.Index < doubleDash).Select(p => p.Token.Value).ToList();
        var after = positional.Where(p => p.Index > doubleDash).Select(p => p.Token.Value).ToList();
        if (before.Count > 1)
        {
            throw new UserFacingException(
                $"exec takes one selector before '--', got {before.Count}: {string.Join(' ', before)}", ExitCodes.Usage);
        }

        return (before.Count == 1 ? before[0] : null, after);
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Func<Token, bool> match)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (match(tokens[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
