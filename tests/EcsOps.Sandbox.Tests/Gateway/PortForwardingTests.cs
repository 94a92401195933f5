using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>Port sessions end to end: the agent dials a local echo server standing in for the container's port.</summary>
[Collection(SessionSandboxCollection.Name)]
public class PortForwardingTests(SessionSandboxFixture fixture)
{
    private SessionSandbox Sandbox => fixture.Sandbox;

    private Task<SessionHandle> StartPortSessionAsync(int port, string? host = null) =>
        host is null
            ? Sandbox.StartSessionAsync(SessionDocuments.PortForwarding, new() { ["portNumber"] = [$"{port}"], ["localPortNumber"] = ["0"] })
            : Sandbox.StartSessionAsync(SessionDocuments.PortForwardingToRemoteHost, new() { ["host"] = [host], ["portNumber"] = [$"{port}"], ["localPortNumber"] = ["0"] });

    [Fact]
    public async Task Mux_20MegabytesThroughEchoServer_IdenticalSha256()
    {
        await using var echo = new TcpEchoServer();
        var session = await StartPortSessionAsync(echo.Port);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        var properties = PortSessionProperties.Parse(handshake.Session.Properties!.Value);
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
        var (sent, received) = await EchoTransfer.RoundTripAsync(connection, 20 * 1024 * 1024, seed: 1).WithinDeadline();

        Assert.Equal(sent, received);
        Assert.Equal((SessionType.Port, $"{echo.Port}", PortForwardingModeSelector.LocalPortForwardingType), (handshake.Session.SessionType, properties.PortNumber, properties.Type));
        Assert.Equal(PortForwardingMode.Multiplexed, PortForwardingModeSelector.SelectForClient(handshake.Session.AgentVersion!, properties.Type));
    }

    [Fact]
    public async Task Mux_ToRemoteHostSecondPortAndSeveralConnections_EachEchoes()
    {
        await using var remote = new TcpEchoServer();
        var session = await StartPortSessionAsync(remote.Port, host: "localhost");
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        var transfers = Enumerable.Range(0, 3).Select(async i =>
        {
            await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
            return await EchoTransfer.RoundTripAsync(connection, 256 * 1024, seed: 10 + i);
        }).ToList();
        var results = await Task.WhenAll(transfers).WithinDeadline();

        Assert.All(results, r => Assert.Equal(r.Sent, r.Received));
        Assert.Equal("localhost", PortSessionProperties.Parse(handshake.Session.Properties!.Value).Host);
        Assert.Equal(3, remote.Connections);
    }

    [Fact]
    public async Task Basic_OldClientVersion_AgentForwardsRawBytes()
    {
        await using var echo = new TcpEchoServer();
        var session = await StartPortSessionAsync(echo.Port);
        await using var client = await Sandbox.OpenClientAsync(session, DataChannelOptions.Default with { ClientVersion = "1.0.37.0" });
        var handshake = await new ClientHandshake(new ClientHandshakeOptions { ClientVersion = "1.0.37.0" })
            .RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        var (app, forwarded) = await EchoTransfer.LoopbackPairAsync();
        var connections = new Queue<Stream?>([forwarded]);
        var basic = new BasicPortForwardingClient(client.Channel);

        // One local connection, then none: RunAsync returns once the app hangs up.
        var running = basic.RunAsync(_ => ValueTask.FromResult(connections.Count > 0 ? connections.Dequeue() : null), TestDeadline.Token());
        var (sent, received) = await EchoTransfer.RoundTripAsync(app, 1024 * 1024, seed: 3).WithinDeadline();
        await app.DisposeAsync();
        await running.WithinDeadline();

        Assert.Equal(sent, received);
        Assert.Equal(PortForwardingMode.Basic, PortForwardingModeSelector.SelectForAgent("1.0.37.0", PortForwardingModeSelector.LocalPortForwardingType));
        Assert.Equal(1, echo.Connections);
        Assert.Equal(SessionType.Port, handshake.Session.SessionType);
    }

    [Fact]
    public async Task Mux_ClientTerminates_AgentEndsSessionWithChannelClosed()
    {
        await using var echo = new TcpEchoServer();
        var session = await StartPortSessionAsync(echo.Port);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);
        await using (var connection = await mux.OpenConnectionAsync(TestDeadline.Token()))
        {
            var (sent, received) = await EchoTransfer.RoundTripAsync(connection, 64 * 1024, seed: 4).WithinDeadline();
            Assert.Equal(sent, received);
        }

        await mux.TerminateAsync(TestDeadline.Token()).WithinDeadline();

        await client.Channel.Completion.WithinDeadline();
        Assert.Equal("", client.Channel.ClosedBy?.Output);
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }
}
