using System.CommandLine;
using EcsOps.Cli.Exec;

namespace EcsOps.Cli.Tests.Exec;

public sealed class ExecArgumentsTests
{
    private readonly Argument<string?> _selector = new("selector") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Argument<string[]> _command = new("command") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _service = new("--service");

    [Theory]
    [InlineData("web/api -- ls -la", "web/api", "ls|-la")]
    [InlineData("-- true", null, "true")]
    [InlineData("--service api -- sh -c exit", null, "sh|-c|exit")]
    [InlineData("web --service api -- cat", "web", "cat")]
    [InlineData("web", "web", "")]
    [InlineData("", null, "")]
    [InlineData("web -- web -- x", "web", "web|--|x")]
    [InlineData("web -- --service", "web", "--service")]
    public void Split_Words_SelectorBeforeDoubleDashCommandAfter(string line, string? selector, string command)
    {
        var (actualSelector, actualCommand) = ExecArguments.Split(Parse(line), _selector, _command);

        Assert.Equal(selector, actualSelector);
        Assert.Equal(command, string.Join('|', actualCommand));
    }

    [Fact]
    public void Split_TwoWordsBeforeDoubleDash_UsageError()
    {
        var error = Assert.Throws<UserFacingException>(() => ExecArguments.Split(Parse("web api -- true"), _selector, _command));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    private ParseResult Parse(string line)
    {
        var command = new RootCommand { _selector, _command, _service };
        var parse = command.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(parse.Errors);
        return parse;
    }
}
