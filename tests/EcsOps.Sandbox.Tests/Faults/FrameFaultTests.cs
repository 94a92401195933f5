using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions.Port;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Faults;

/// <summary>
/// Port forwarding through a faulty gateway: dropped, duplicated, reordered and delayed frames, a client
/// socket taken away mid-transfer, an agent restart. Every transfer must still arrive byte-identical.
/// </summary>
public class FrameFaultTests : IClassFixture<SessionSandboxFixture>, IAsyncLifetime
{
    private const int TransferSize = 4 * 1024 * 1024;
    private readonly SessionSandboxFixture _fixture;

    public FrameFaultTests(SessionSandboxFixture fixture) => _fixture = fixture;

    private SessionSandbox Sandbox => _fixture.Sandbox;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Sandbox.Host.Faults.Clear();
        return Task.CompletedTask;
    }

    private async Task<(SessionHandle Session, ClientChannel Client, MuxPortForwardingClient Mux)> OpenMuxAsync(int echoPort)
    {
        var session = await Sandbox.StartSessionAsync(SessionDocuments.PortForwarding, new() { ["portNumber"] = [$"{echoPort}"] });
        var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        return (session, client, new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion));
    }

    [Fact]
    public async Task Mux_DropDuplicateReorderDelayBothWays_TransferByteIdentical()
    {
        var faults = new FrameFaults(Drop: 0.02, Duplicate: 0.02, Reorder: 0.02, Delay: 0.02, DelayDuration: TimeSpan.FromMilliseconds(5));
        Sandbox.Host.Faults.Apply(new FaultPlan { ClientToAgent = faults, AgentToClient = faults, Seed = 20260101 });
        var before = (Up: Sandbox.Host.Faults.Counts(FrameDirection.ClientToAgent), Down: Sandbox.Host.Faults.Counts(FrameDirection.AgentToClient));
        await using var echo = new TcpEchoServer();
        var (_, client, mux) = await OpenMuxAsync(echo.Port);
        await using var _ = client;
        await using var __ = mux;

        await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
        var (sent, received) = await EchoTransfer.RoundTripAsync(connection, TransferSize, seed: 5).WithinDeadline();

        Assert.Equal(sent, received);
        var up = Sandbox.Host.Faults.Counts(FrameDirection.ClientToAgent);
        var down = Sandbox.Host.Faults.Counts(FrameDirection.AgentToClient);
        Assert.True(up.Dropped > before.Up.Dropped && up.Duplicated > before.Up.Duplicated && up.Reordered > before.Up.Reordered && up.Delayed > before.Up.Delayed, $"{up}");
        Assert.True(down.Dropped > before.Down.Dropped && down.Duplicated > before.Down.Duplicated && down.Reordered > before.Down.Reordered && down.Delayed > before.Down.Delayed, $"{down}");
        Assert.True(client.Channel.Statistics is { MessagesRetransmitted: > 0, DuplicatesReceived: > 0 }, $"{client.Channel.Statistics}");
    }

    [Fact]
    public async Task NonInteractiveCommand_UnderDropDuplicateReorder_OutputAndExitCodeIntact()
    {
        var faults = new FrameFaults(Drop: 0.05, Duplicate: 0.05, Reorder: 0.05);
        Sandbox.Host.Faults.Apply(new FaultPlan { ClientToAgent = faults, AgentToClient = faults, Seed = 11 });
        var session = await Sandbox.StartSessionAsync(SessionDocuments.NonInteractiveCommand, new()
        {
            ["command"] = ["sh -c 'seq 1 20000; echo done >&2; exit 7'"],
            ["separateOutputStream"] = ["true"],
        });
        await using var client = await Sandbox.OpenClientAsync(session);

        await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = await new EcsOps.Protocol.Sessions.CommandSessionClient(client.Channel).RunAsync(stdout, stderr, TestDeadline.Token()).WithinDeadline();

        var expected = string.Concat(Enumerable.Range(1, 20000).Select(i => $"{i}\n"));
        Assert.Equal(7, result.ExitCode);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(stdout.ToArray()));
        Assert.Equal("done\n", System.Text.Encoding.ASCII.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Mux_ClientDisconnectedMidTransfer_ResumesWithNewTokenTransferByteIdentical()
    {
        var faults = new FrameFaults(Drop: 0.01, Duplicate: 0.01, Reorder: 0.01);
        Sandbox.Host.Faults.Apply(new FaultPlan { ClientToAgent = faults, AgentToClient = faults, Seed = 7 });
        await using var echo = new TcpEchoServer();
        var (session, client, mux) = await OpenMuxAsync(echo.Port);
        await using var _ = client;
        await using var __ = mux;
        await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
        var quarter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var transfer = EchoTransfer.RoundTripAsync(connection, TransferSize, seed: 6, signalAt: TransferSize / 4, quarter);
        await quarter.Task.WithinDeadline();
        Assert.True(Sandbox.Host.Gateway.Disconnect(session.SessionId, SessionPeer.Client));
        var (sent, received) = await transfer.WithinDeadline();

        Assert.Equal(sent, received);
        Assert.Equal(1, client.Channel.Statistics.Reconnects);
        Assert.Equal(2, client.Tokens.Distinct().Count());
    }

    [Fact]
    public async Task Mux_AgentRestartedMidTransfer_AgentReconnectsTransferByteIdentical()
    {
        await using var echo = new TcpEchoServer();
        var (session, client, mux) = await OpenMuxAsync(echo.Port);
        await using var _ = client;
        await using var __ = mux;
        await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
        var quarter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var transfer = EchoTransfer.RoundTripAsync(connection, TransferSize, seed: 8, signalAt: TransferSize / 4, quarter);
        await quarter.Task.WithinDeadline();
        Assert.True(Sandbox.Host.Gateway.RestartAgent(session.SessionId));
        var (sent, received) = await transfer.WithinDeadline();

        Assert.Equal(sent, received);
        Assert.Equal(0, client.Channel.Statistics.Reconnects);
        Assert.Equal(2, Sandbox.Host.Sessions.Find(session.SessionId)!.AgentTokens.Count);
    }
}
