using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Protocol.Tests.Sessions;

public class PortForwardingModeSelectorTests
{
    [Theory]
    [InlineData("3.3.1142.0", "LocalPortForwarding", PortForwardingMode.Multiplexed)]
    [InlineData("3.0.196.1", "LocalPortForwarding", PortForwardingMode.Multiplexed)]
    [InlineData("3.0.196.0", "LocalPortForwarding", PortForwardingMode.Basic)]
    [InlineData("2.3.722.0", "LocalPortForwarding", PortForwardingMode.Basic)]
    [InlineData("3.3", "LocalPortForwarding", PortForwardingMode.Basic)]
    [InlineData("3.3.1142.0", null, PortForwardingMode.StandardStream)]
    [InlineData("3.3.1142.0", "", PortForwardingMode.StandardStream)]
    public void SelectForClient_ByAgentVersion_MatchesPlugin(string agentVersion, string? type, PortForwardingMode expected)
    {
        Assert.Equal(expected, PortForwardingModeSelector.SelectForClient(agentVersion, type));
        Assert.Equal(expected, PortForwardingModeSelector.SelectMode(DataChannelRole.Client, agentVersion, type));
    }

    [Theory]
    [InlineData("1.2.764.0", "LocalPortForwarding", PortForwardingMode.Multiplexed)]
    [InlineData("1.1.70", "LocalPortForwarding", PortForwardingMode.Multiplexed)]
    [InlineData("1.1.70.0", "LocalPortForwarding", PortForwardingMode.Multiplexed)]
    [InlineData("1.1.69.9", "LocalPortForwarding", PortForwardingMode.Basic)]
    [InlineData("1.0.0.0", "LocalPortForwarding", PortForwardingMode.Basic)]
    [InlineData("1.2.764.0", null, PortForwardingMode.Basic)]
    public void SelectForAgent_ByClientVersion_MatchesAgent(string clientVersion, string? type, PortForwardingMode expected)
    {
        Assert.Equal(expected, PortForwardingModeSelector.SelectForAgent(clientVersion, type));
        Assert.Equal(expected, PortForwardingModeSelector.SelectMode(DataChannelRole.Agent, clientVersion, type));
    }

    /// <summary>An agent that predates multiplexing forwards in basic mode whatever the client; a newer one asks the client's version.</summary>
    [Theory]
    [InlineData("3.0.196.0", "1.2.764.0", PortForwardingMode.Basic)]
    [InlineData("3.0.161.0", "1.2.764.0", PortForwardingMode.Basic)]
    [InlineData("3.0.196.1", "1.2.764.0", PortForwardingMode.Multiplexed)]
    [InlineData("3.3.1142.0", "1.1.69.9", PortForwardingMode.Basic)]
    public void SelectForAgent_ByOwnAndClientVersion_AgreesWithTheClientsChoice(string agentVersion, string clientVersion, PortForwardingMode expected)
    {
        var mode = PortForwardingModeSelector.SelectForAgent(agentVersion, clientVersion, PortForwardingModeSelector.LocalPortForwardingType);

        Assert.Equal(expected, mode);
        if (ProtocolVersion.Compare(clientVersion, PortForwardingModeSelector.MuxClientVersionMinimum) >= 0)
        {
            Assert.Equal(PortForwardingModeSelector.SelectForClient(agentVersion, PortForwardingModeSelector.LocalPortForwardingType), mode);
        }
    }

    [Theory]
    [InlineData("1.2.10", "1.2.9", 1)]
    [InlineData("1.2.9", "1.2.10", -1)]
    [InlineData("1.2.0", "1.2.0", 0)]
    [InlineData("1.2", "1.2.0", -1)]
    [InlineData("1.3", "1.2.9.9", 1)]
    [InlineData("1.b", "1.a", 1)]
    public void Compare_ComponentWise_NumericWherePossible(string a, string b, int expected)
    {
        Assert.Equal(expected, ProtocolVersion.Compare(a, b));
    }

    [Theory]
    [InlineData("3.0.196.1", "3.0.196.0", true)]
    [InlineData("3.0.196.0", "3.0.196.0", false)]
    [InlineData("10.0.0.0", "9.9.9.9", true)]
    [InlineData("4.0", "3.0.196.0", false)]
    [InlineData("x.0.0.0", "3.0.196.0", false)]
    [InlineData("", "3.0.196.0", false)]
    public void IsGreater_PluginRule_DifferentComponentCountsAreNotGreater(string a, string b, bool expected)
    {
        Assert.Equal(expected, ProtocolVersion.IsGreaterThan(a, b));
    }
}
