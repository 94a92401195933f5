using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>
/// Port sessions end to end: the agent dials a container's port (where the runtime mapped it on 127.0.0.1), a
/// local port, or a remote host's port, and every byte comes back from an echo server.
/// </summary>
[Collection(SessionSandboxCollection.Name)]
public class PortForwardingTests(SessionSandboxFixture fixture)
{
    private static readonly TimeSpan s_bulkDeadline = TimeSpan.FromMinutes(2);

    private SessionSandbox Sandbox => fixture.Sandbox;

    private Task<SessionHandle> StartPortSessionAsync(int port, string? host = null) =>
        host is null
            ? Sandbox.StartSessionAsync(SessionDocuments.PortForwarding, new() { ["portNumber"] = [$"{port}"], ["localPortNumber"] = ["0"] })
            : Sandbox.StartSessionAsync(SessionDocuments.PortForwardingToRemoteHost, new() { ["host"] = [host], ["portNumber"] = [$"{port}"], ["localPortNumber"] = ["0"] });

    [Fact]
    public async Task Mux_100MegabytesBothWaysThroughLocalEchoServer_IdenticalSha256()
    {
        const int Size = 100 * 1024 * 1024;
        await using var echo = new TcpEchoServer();
        var session = await StartPortSessionAsync(echo.Port);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        var properties = PortSessionProperties.Parse(handshake.Session.Properties!.Value);
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        // 102,400 stream messages of 1 KiB each way, each digested, acknowledged and relayed by the gateway:
        // several seconds of CPU, more on a busy machine, hence the longer deadline.
        (string Sent, string Received) digests;
        await using (var connection = await mux.OpenConnectionAsync(TestDeadline.Token()))
        {
            digests = await EchoTransfer.RoundTripAsync(connection, Size, seed: 1, deadline: s_bulkDeadline);
        }

        Assert.Equal(digests.Sent, digests.Received);
        Assert.Equal((SessionType.Port, $"{echo.Port}", PortForwardingModeSelector.LocalPortForwardingType), (handshake.Session.SessionType, properties.PortNumber, properties.Type));
        Assert.Equal(PortForwardingMode.Multiplexed, PortForwardingModeSelector.SelectForClient(handshake.Session.AgentVersion!, properties.Type));

        // Closing the local connection closes the agent's connection to the destination.
        await echo.WaitUntilAllClosedAsync();
        Assert.Equal(1, echo.Connections);
    }

    [Fact]
    public async Task Mux_ItsContainerStops_TheSessionEndsWithChannelClosed()
    {
        // The agent lives in the task: a port session, which has no process of its own, must not outlive it.
        await using var echo = new TcpEchoServer();
        var task = await ContainerServerTask.RunAsync(Sandbox, ContainerServerTask.EchoServer);
        var session = await Sandbox.StartSessionAsync(SessionDocuments.PortForwardingToRemoteHost,
            new() { ["host"] = ["127.0.0.1"], ["portNumber"] = [$"{echo.Port}"], ["localPortNumber"] = ["0"] }, task.Target);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);
        await using (var connection = await mux.OpenConnectionAsync(TestDeadline.Token()))
        {
            var (sent, received) = await EchoTransfer.RoundTripAsync(connection, 4096, seed: 30);
            Assert.Equal(sent, received);
        }

        await task.DisposeAsync();

        await client.Channel.Completion.WithinTestDeadline();
        Assert.NotNull(client.Channel.ClosedBy);
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task Mux_ContainerPort80OfATask_ReachesTheEchoServerOnTheRemappedLoopbackPort()
    {
        await using var task = await ContainerServerTask.RunAsync(Sandbox, ContainerServerTask.EchoServer);
        var session = await Sandbox.StartSessionAsync(SessionDocuments.PortForwarding,
            new() { ["portNumber"] = [$"{ContainerServerTask.ContainerPort}"], ["localPortNumber"] = ["0"] }, task.Target);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        var transfers = Enumerable.Range(0, 2).Select(async i =>
        {
            await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
            return await EchoTransfer.RoundTripAsync(connection, 2 * 1024 * 1024, seed: 20 + i);
        }).ToList();
        var results = await Task.WhenAll(transfers).WithinTestDeadline();

        Assert.All(results, r => Assert.Equal(r.Sent, r.Received));
        Assert.NotEqual(ContainerServerTask.ContainerPort, task.LoopbackPort);
        Assert.Equal("80", PortSessionProperties.Parse(handshake.Session.Properties!.Value).PortNumber);
    }

    [Fact]
    public async Task Mux_ContainerServerSendsAFileAndClosesFirst_ClientGetsEveryByteThenEndOfStream()
    {
        await using var task = await ContainerServerTask.RunAsync(Sandbox, ContainerServerTask.FileSender);
        var payload = new byte[5_000_000];
        new Random(5).NextBytes(payload);
        await File.WriteAllBytesAsync(Path.Combine(task.Container.WorkingDirectory, ContainerServerTask.PayloadFile), payload);
        var session = await Sandbox.StartSessionAsync(SessionDocuments.PortForwarding,
            new() { ["portNumber"] = [$"{ContainerServerTask.ContainerPort}"], ["localPortNumber"] = ["0"] }, task.Target);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        for (var i = 0; i < 2; i++)
        {
            await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
            using var received = new MemoryStream();
            await connection.CopyToAsync(received, TestDeadline.Token()).WithinTestDeadline();

            Assert.Equal(SHA256.HashData(payload), SHA256.HashData(received.ToArray()));
        }

        Assert.Equal(DataChannelState.Open, client.Channel.State);
    }

    [Fact]
    public async Task Mux_ToRemoteHostSecondPortAndSeveralConnections_EachEchoes()
    {
        await using var remote = new TcpEchoServer();
        var session = await StartPortSessionAsync(remote.Port, host: "localhost");
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        var transfers = Enumerable.Range(0, 3).Select(async i =>
        {
            await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
            return await EchoTransfer.RoundTripAsync(connection, 256 * 1024, seed: 10 + i);
        }).ToList();
        var results = await Task.WhenAll(transfers).WithinTestDeadline();
        await remote.WaitUntilAllClosedAsync();

        Assert.All(results, r => Assert.Equal(r.Sent, r.Received));
        Assert.Equal("localhost", PortSessionProperties.Parse(handshake.Session.Properties!.Value).Host);
        Assert.Equal(3, remote.Connections);
    }

    [Fact]
    public async Task Mux_DestinationRefusesThenListens_OnlyThatConnectionEndsAndTheNextOneWorks()
    {
        // A port bound but not listening refuses connections until Listen.
        using var destination = new Socket(SocketType.Stream, ProtocolType.Tcp);
        destination.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var session = await StartPortSessionAsync(((IPEndPoint)destination.LocalEndPoint!).Port);
        await using var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        await using var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);

        await using (var refused = await mux.OpenConnectionAsync(TestDeadline.Token()))
        {
            Assert.Equal(0, await refused.ReadAsync(new byte[16], TestDeadline.Token()).AsTask().WithinTestDeadline());
        }

        destination.Listen();
        await using var accepted = await mux.OpenConnectionAsync(TestDeadline.Token());
        await accepted.WriteAsync("hello"u8.ToArray(), TestDeadline.Token());
        using var server = await destination.AcceptAsync(TestDeadline.Token()).AsTask().WithinTestDeadline();
        var received = new byte[5];
        for (var count = 0; count < received.Length;)
        {
            var read = await server.ReceiveAsync(received.AsMemory(count), TestDeadline.Token()).AsTask().WithinTestDeadline();
            Assert.NotEqual(0, read);
            count += read;
        }

        Assert.Equal("hello", Encoding.ASCII.GetString(received));
        Assert.Equal(DataChannelState.Open, client.Channel.State);
    }

    [Fact]
    public async Task Basic_OldClientVersion_AgentForwardsRawBytes()
    {
        await using var echo = new TcpEchoServer();
        var session = await StartPortSessionAsync(echo.Port);
        await using var client = await Sandbox.OpenClientAsync(session, DataChannelOptions.Default with { ClientVersion = "1.0.37.0" });
        var handshake = await new ClientHandshake(new ClientHandshakeOptions { ClientVersion = "1.0.37.0" })
            .RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        var (app, forwarded) = await EchoTransfer.LoopbackPairAsync();
        var connections = new Queue<Stream?>([forwarded]);
        var basic = new BasicPortForwardingClient(client.Channel);

        // One local connection, then none: RunAsync returns once the app hangs up.
        var running = basic.RunAsync(_ => ValueTask.FromResult(connections.Count > 0 ? connections.Dequeue() : null), TestDeadline.Token());
        var (sent, received) = await EchoTransfer.RoundTripAsync(app, 1024 * 1024, seed: 3).WithinTestDeadline();
        await app.DisposeAsync();
        await running.WithinTestDeadline();

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
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        var mux = new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion);
        await using (var connection = await mux.OpenConnectionAsync(TestDeadline.Token()))
        {
            var (sent, received) = await EchoTransfer.RoundTripAsync(connection, 64 * 1024, seed: 4).WithinTestDeadline();
            Assert.Equal(sent, received);
        }

        await mux.TerminateAsync(TestDeadline.Token()).WithinTestDeadline();

        await client.Channel.Completion.WithinTestDeadline();
        await echo.WaitUntilAllClosedAsync();
        Assert.Equal("", client.Channel.ClosedBy?.Output);
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }
}
