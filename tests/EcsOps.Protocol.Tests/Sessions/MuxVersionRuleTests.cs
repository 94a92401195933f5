using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;

namespace EcsOps.Protocol.Tests.Sessions;

/// <summary>ProtocolVersion comparison and the keepalive rule built on it (fact sheet §7.1, §7.3).</summary>
public class MuxVersionRuleTests
{
    [Theory]
    [InlineData("3.1.1512.0", "3.1.1511.0", true)]
    [InlineData("3.1.1511.0", "3.1.1511.0", false)]
    [InlineData("3.10.0.0", "3.9.9999.0", true)]
    [InlineData("3.0.9999.0", "3.1.0.0", false)]
    [InlineData("4.0", "3.1.1511.0", false)] // different number of parts: not greater
    [InlineData("3.1.1511.0.1", "3.1.1511.0", false)]
    [InlineData("3.1.x.0", "3.1.1511.0", false)]
    [InlineData("-4.0.0.0", "3.1.1511.0", false)]
    [InlineData("", "3.1.1511.0", false)]
    [InlineData(null, "3.1.1511.0", false)]
    [InlineData(" 3.2.0.0 ", "3.1.1511.0", true)]
    public void IsGreaterThan_DotSplitIntegers_ComparesLikeThePeers(string? version, string than, bool expected) =>
        Assert.Equal(expected, ProtocolVersion.IsGreaterThan(version, than));

    [Theory]
    [InlineData("3.1.1511.0", true)]
    [InlineData("3.1.1511.1", false)]
    [InlineData("3.3.1142.0", false)]
    [InlineData("garbage", true)]
    public void ClientKeepAliveEnabled_ByAgentVersion(string agentVersion, bool expected) =>
        Assert.Equal(expected, MuxKeepAlivePolicy.ClientKeepAliveEnabled(agentVersion));

    [Theory]
    [InlineData("1.2.331.0", true)]
    [InlineData("1.2.331.1", false)]
    [InlineData("1.2.764.0", false)]
    [InlineData(null, true)]
    public void AgentKeepAliveEnabled_ByClientVersion(string? clientVersion, bool expected) =>
        Assert.Equal(expected, MuxKeepAlivePolicy.AgentKeepAliveEnabled(clientVersion));

    [Theory]
    [InlineData(SessionFlag.DisconnectToPort, "00000001")]
    [InlineData(SessionFlag.TerminateSession, "00000002")]
    [InlineData(SessionFlag.ConnectToPortError, "00000003")]
    public void FlagPayload_EncodesBigEndianAndReadsBack(SessionFlag flag, string hex)
    {
        var payload = SessionFlagPayload.Encode(flag);

        Assert.Equal(hex, Convert.ToHexStringLower(payload));
        Assert.True(SessionFlagPayload.TryDecode(payload, out var read));
        Assert.Equal(flag, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000002")]
    [InlineData("0000000200")]
    public void FlagPayload_WrongLength_IsRejected(string hex) =>
        Assert.False(SessionFlagPayload.TryDecode(Convert.FromHexString(hex), out _));
}
