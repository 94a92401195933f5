using EcsOps.Sandbox.Agent;

namespace EcsOps.Sandbox.Tests.Agent;

public class CommandArgumentsTests
{
    [Theory]
    [InlineData("ls -la /tmp", new[] { "ls", "-la", "/tmp" })]
    [InlineData("  echo   spaced\tout  ", new[] { "echo", "spaced", "out" })]
    [InlineData("sh -c 'echo $HOME; exit 3'", new[] { "sh", "-c", "echo $HOME; exit 3" })]
    [InlineData("echo \"a \\\"quoted\\\" $x\"", new[] { "echo", "a \"quoted\" $x" })]
    [InlineData("echo \"keep \\n as is\"", new[] { "echo", "keep \\n as is" })]
    [InlineData("a\\ b 'c'\"d\"e", new[] { "a b", "cde" })]
    [InlineData("echo ''", new[] { "echo", "" })]
    [InlineData("", new string[0])]
    public void Split_ShellLikeWords_YieldsArgv(string command, string[] expected) =>
        Assert.Equal(expected, CommandArguments.Split(command));

    [Theory]
    [InlineData("echo 'unterminated")]
    [InlineData("echo \"unterminated")]
    [InlineData("echo trailing\\")]
    public void Split_BrokenQuoting_FormatException(string command) =>
        Assert.Throws<FormatException>(() => CommandArguments.Split(command));
}
