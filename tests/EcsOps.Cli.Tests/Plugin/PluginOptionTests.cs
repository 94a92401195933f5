using EcsOps.Cli.Plugin;

namespace EcsOps.Cli.Tests.Plugin;

public sealed class PluginOptionTests
{
    [Theory]
    [InlineData("exec --plugin dev-web/web -- ls", "exec --plugin=@PATH dev-web/web -- ls")]
    [InlineData("exec --plugin /opt/smp/session-manager-plugin dev-web/web", "exec --plugin /opt/smp/session-manager-plugin dev-web/web")]
    [InlineData("exec --plugin ./smp dev-web/web", "exec --plugin ./smp dev-web/web")]
    [InlineData("exec dev-web/web --plugin", "exec dev-web/web --plugin=@PATH")]
    [InlineData("exec dev-web/web -- tool --plugin x", "exec dev-web/web -- tool --plugin x")]
    [InlineData("forward --plugin web 8080:80", "forward --plugin=@PATH web 8080:80")]
    public void NormalizeArguments_BarePluginBeforeTheCommand_LooksOnPathAndLeavesTheSelector(string given, string expected)
    {
        var normalized = PluginOption.NormalizeArguments(given.Split(' '));

        Assert.Equal(expected, string.Join(' ', normalized));
    }
}
