using EcsOps.Server.Slack;

namespace EcsOps.Server.Tests.Slack;

public sealed class SlackCommandTextTests
{
    [Fact]
    public void Run_TargetAndParametersSeparated()
    {
        var command = SlackCommandText.Parse("run backup target=prod-orders comment=x database=orders");

        Assert.Null(command.Problem);
        Assert.Equal("backup", command.Runbook);
        Assert.Equal("prod-orders", command.Target);
        Assert.Equal(new Dictionary<string, string> { ["comment"] = "x", ["database"] = "orders" }, command.Parameters);
    }

    [Theory]
    [InlineData("run echo message=\"two words\"", "two words")]
    [InlineData("run echo message='two words'", "two words")]
    [InlineData("run echo message=\u201Ctwo words\u201D", "two words")]
    [InlineData("run echo \"message=two words\"", "two words")]
    [InlineData("run echo message=a&amp;b&lt;c&gt;", "a&b<c>")]
    [InlineData("run echo message=\"say \u2018hi\u2019\"", "say \u2018hi\u2019")]
    [InlineData("run echo message=", "")]
    [InlineData("run echo message=\"$(rm -rf /); `id`\"", "$(rm -rf /); `id`")]
    public void Run_QuotedAndEscapedValues_ArriveAsWritten(string text, string message)
    {
        var command = SlackCommandText.Parse(text);

        Assert.Null(command.Problem);
        Assert.Equal(message, command.Parameters["message"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    public void Empty_OrHelp_IsHelp(string text)
    {
        Assert.True(SlackCommandText.Parse(text).IsHelp);
    }

    [Theory]
    [InlineData("run", "name the runbook")]
    [InlineData("run target=x", "name the runbook")]
    [InlineData("run echo message=a message=b", "'message' is given twice")]
    [InlineData("run echo target=a target=b", "'target' is given twice")]
    [InlineData("run echo 1bad=x", "'1bad=x' is not name=value")]
    [InlineData("run echo =x", "'=x' is not name=value")]
    [InlineData("run echo message=\"open", "not closed")]
    [InlineData("status 123", "unknown command 'status'")]
    public void Malformed_SaysWhat(string text, string problem)
    {
        var command = SlackCommandText.Parse(text);

        Assert.Null(command.Runbook);
        Assert.Contains(problem, command.Problem);
    }
}
