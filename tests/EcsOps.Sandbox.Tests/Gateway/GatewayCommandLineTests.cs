namespace EcsOps.Sandbox.Tests.Gateway;

public class GatewayCommandLineTests
{
    [Fact]
    public void Parse_SessionOptions_SetGatewayAndAgent()
    {
        var options = SandboxCommandLine.Parse(["--idle-timeout", "60", "--disconnect-every", "3600", "--no-agent-pacing"]);

        Assert.Equal(TimeSpan.FromSeconds(60), options.Gateway.IdleTimeout);
        Assert.Equal(TimeSpan.FromHours(1), options.Gateway.PeriodicDisconnectInterval);
        Assert.Equal(TimeSpan.Zero, options.AgentPacing);
    }

    [Fact]
    public void Parse_Defaults_AwsLikeIdleTimeoutNoPeriodicDisconnectPacedAgent()
    {
        var options = SandboxCommandLine.Parse([]);

        Assert.Equal(TimeSpan.FromMinutes(20), options.Gateway.IdleTimeout);
        Assert.Null(options.Gateway.PeriodicDisconnectInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1), options.AgentPacing);
    }

    [Theory]
    [InlineData("--idle-timeout", "0")]
    [InlineData("--disconnect-every", "soon")]
    public void Parse_BadSeconds_ArgumentException(string name, string value) =>
        Assert.Throws<ArgumentException>(() => SandboxCommandLine.Parse([name, value]));
}
