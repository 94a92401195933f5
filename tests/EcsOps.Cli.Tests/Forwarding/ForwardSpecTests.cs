using EcsOps.Cli.Forwarding;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Cli.Tests.Forwarding;

public sealed class ForwardSpecTests
{
    [Theory]
    [InlineData("8080", 8080, null, 8080)]
    [InlineData("0:80", 0, null, 80)]
    [InlineData("15432:mydb.cluster-abc.eu-west-1.rds.amazonaws.com:5432", 15432, "mydb.cluster-abc.eu-west-1.rds.amazonaws.com", 5432)]
    [InlineData("0:[fd00::1]:443", 0, "fd00::1", 443)]
    [InlineData("0:10.0.0.7:6379", 0, "10.0.0.7", 6379)]
    public void Parse_ValidForward_GivesPorts(string text, int local, string? host, int remote)
    {
        Assert.Equal(new ForwardSpec(local, host, remote), ForwardSpec.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("web")]
    [InlineData("0")]
    [InlineData("80:0")]
    [InlineData("65536")]
    [InlineData("-1:80")]
    [InlineData("1:2:")]
    [InlineData("0::80")]
    [InlineData("0:my host:80")]
    [InlineData("+80")]
    public void Parse_NotAForward_UsageError(string text)
    {
        var error = Assert.Throws<UserFacingException>(() => ForwardSpec.Parse(text));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Property]
    public Property Parse_AnyText_ParsesOrIsAUsageError(string? text)
    {
        try
        {
            var spec = ForwardSpec.Parse(text ?? "");
            return (spec.RemotePort is >= 1 and <= 65535 && spec.LocalPort is >= 0 and <= 65535).ToProperty();
        }
        catch (UserFacingException error)
        {
            return (error.ExitCode == ExitCodes.Usage).ToProperty();
        }
    }

    [Property]
    public Property Parse_LocalAndRemotePorts_RoundTrip(PositiveInt local, PositiveInt remote)
    {
        var localPort = local.Get % 65536;
        var remotePort = (remote.Get % 65535) + 1;
        var spec = ForwardSpec.Parse($"{localPort}:{remotePort}");
        return (spec == new ForwardSpec(localPort, null, remotePort)).ToProperty();
    }
}
