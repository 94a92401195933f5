using System.Globalization;
using System.Text;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Faults;

/// <summary>
/// Sessions on the real container runtime through a faulty gateway: dropped, duplicated, reordered and delayed
/// frames, a client socket taken away mid-transfer (the client resumes with a new token), an agent restart.
/// Every transfer must still arrive byte-identical, shells and commands must carry on.
/// </summary>
public class FrameFaultTests : IClassFixture<SessionSandboxFixture>, IAsyncLifetime
{
    private const int TransferSize = 4 * 1024 * 1024;
    private const int ResumedTransferSize = 12 * 1024 * 1024;
    private static readonly FrameFaults s_dropDuplicateReorder = new(Drop: 0.02, Duplicate: 0.02, Reorder: 0.02);
    private readonly SessionSandboxFixture _fixture;

    public FrameFaultTests(SessionSandboxFixture fixture) => _fixture = fixture;

    private SessionSandbox Sandbox => _fixture.Sandbox;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Sandbox.Host.Faults.Clear();
        return Task.CompletedTask;
    }

    private async Task<(SessionHandle Session, ClientChannel Client, MuxPortForwardingClient Mux)> OpenMuxAsync(int port, string? host = null)
    {
        var session = host is null
            ? await Sandbox.StartSessionAsync(SessionDocuments.PortForwarding, new() { ["portNumber"] = [$"{port}"] })
            : await Sandbox.StartSessionAsync(SessionDocuments.PortForwardingToRemoteHost, new() { ["host"] = [host], ["portNumber"] = [$"{port}"] });
        var client = await Sandbox.OpenClientAsync(session);
        var handshake = await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        return (session, client, new MuxPortForwardingClient(client.Channel, handshake.Session.AgentVersion));
    }

    /// <summary>Applies <paramref name="faults"/> both ways; the returned check asserts each kind happened both ways since.</summary>
    private Action ApplyBothWays(FrameFaults faults, int seed)
    {
        Sandbox.Host.Faults.Apply(new FaultPlan { ClientToAgent = faults, AgentToClient = faults, Seed = seed });
        var before = (Up: Sandbox.Host.Faults.Counts(FrameDirection.ClientToAgent), Down: Sandbox.Host.Faults.Counts(FrameDirection.AgentToClient));
        return () =>
        {
            var up = Sandbox.Host.Faults.Counts(FrameDirection.ClientToAgent);
            var down = Sandbox.Host.Faults.Counts(FrameDirection.AgentToClient);
            Assert.True(up.Dropped > before.Up.Dropped && up.Duplicated > before.Up.Duplicated && up.Reordered > before.Up.Reordered, $"{up}");
            Assert.True(down.Dropped > before.Down.Dropped && down.Duplicated > before.Down.Duplicated && down.Reordered > before.Down.Reordered, $"{down}");
        };
    }

    private static void AssertResumedOnce(ClientChannel client)
    {
        Assert.Equal(1, client.Channel.Statistics.Reconnects);
        Assert.Equal(2, client.Tokens.Distinct().Count());
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
        var (sent, received) = await EchoTransfer.RoundTripAsync(connection, TransferSize, seed: 5).WithinTestDeadline();

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

        await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = await new CommandSessionClient(client.Channel).RunAsync(stdout, stderr, TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(Lines(1, 20000, "\n"), Encoding.ASCII.GetString(stdout.ToArray()));
        Assert.Equal("done\n", Encoding.ASCII.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Mux_FaultsAndClientDisconnectedMidTransfer_ResumesWithNewTokenTransferByteIdentical()
    {
        var assertFaultsHappened = ApplyBothWays(s_dropDuplicateReorder, seed: 7);
        await using var echo = new TcpEchoServer();
        var (session, client, mux) = await OpenMuxAsync(echo.Port);
        await using var _ = client;
        await using var __ = mux;
        var quarter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        (string Sent, string Received) digests;
        await using (var connection = await mux.OpenConnectionAsync(TestDeadline.Token()))
        {
            var transfer = EchoTransfer.RoundTripAsync(connection, ResumedTransferSize, seed: 6, signalAt: ResumedTransferSize / 4, quarter);
            await quarter.Task.WithinTestDeadline();
            Assert.True(Sandbox.Host.Gateway.Disconnect(session.SessionId, SessionPeer.Client));
            digests = await transfer.WithinTestDeadline();
        }

        Assert.Equal(digests.Sent, digests.Received);
        AssertResumedOnce(client);
        assertFaultsHappened();
        await echo.WaitUntilAllClosedAsync();
    }

    [Fact]
    public async Task MuxToRemoteHost_FaultsAndClientDisconnectedMidTransfer_EveryConnectionByteIdentical()
    {
        var assertFaultsHappened = ApplyBothWays(s_dropDuplicateReorder, seed: 9);
        await using var remote = new TcpEchoServer();
        var (session, client, mux) = await OpenMuxAsync(remote.Port, host: "localhost");
        await using var _ = client;
        await using var __ = mux;
        const int Size = 3 * 1024 * 1024;
        var started = Enumerable.Range(0, 2).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();

        var transfers = started.Select(async (third, i) =>
        {
            await using var connection = await mux.OpenConnectionAsync(TestDeadline.Token());
            return await EchoTransfer.RoundTripAsync(connection, Size, seed: 30 + i, signalAt: Size / 3, third);
        }).ToList();
        await Task.WhenAll(started.Select(s => s.Task)).WithinTestDeadline();
        Assert.True(Sandbox.Host.Gateway.Disconnect(session.SessionId, SessionPeer.Client));
        var results = await Task.WhenAll(transfers).WithinTestDeadline();

        Assert.All(results, r => Assert.Equal(r.Sent, r.Received));
        AssertResumedOnce(client);
        assertFaultsHappened();
        await remote.WaitUntilAllClosedAsync();
        Assert.Equal(2, remote.Connections);
    }

    [Fact]
    public async Task Shell_FaultsAndClientDisconnectedMidOutput_OutputInOrderAndTheShellGoesOn()
    {
        var assertFaultsHappened = ApplyBothWays(s_dropDuplicateReorder, seed: 13);
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        await shell.SendTerminalSizeAsync(new TerminalSize(101, 33), TestDeadline.Token()).AsTask().WithinTestDeadline();
        await TypeAsync(shell, "stty size; seq 1 30000; echo do\"\"ne\n");
        var start = await output.WaitForAsync("33 101\r\n");
        await output.WaitForAsync("\r\n10000\r\n", start);
        Assert.True(Sandbox.Host.Gateway.Disconnect(session.SessionId, SessionPeer.Client));
        var end = await output.WaitForAsync("done\r\n", start);
        await TypeAsync(shell, "echo after-re\"\"sume\n");
        await output.WaitForAsync("after-resume\r\n", end);
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        Assert.StartsWith(Lines(1, 30000, "\r\n") + "done\r\n", output.Text[start..], StringComparison.Ordinal);
        Assert.Equal("", client.Channel.ClosedBy?.Output);
        AssertResumedOnce(client);
        assertFaultsHappened();
    }

    [Fact]
    public async Task NonInteractiveCommand_FaultsAndClientDisconnectedMidOutput_OutputIntactAndExitCode3()
    {
        var assertFaultsHappened = ApplyBothWays(s_dropDuplicateReorder, seed: 17);

        // Half the output, then wait for an interrupt; the trap writes the other half and exits 3.
        var session = await Sandbox.StartSessionAsync(SessionDocuments.NonInteractiveCommand, new()
        {
            ["command"] = ["sh -c 'trap \"seq 20001 40000; echo done >&2; exit 3\" INT; seq 1 20000; sleep 100 </dev/null >/dev/null 2>&1 & wait'"],
            ["separateOutputStream"] = ["true"],
        });
        await using var client = await Sandbox.OpenClientAsync(session);
        await new ClientHandshake().RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        var command = new CommandSessionClient(client.Channel);
        var stdout = new SignallingStream("\n20000\n");
        using var stderr = new MemoryStream();

        var run = command.RunAsync(stdout, stderr, TestDeadline.Token());
        await stdout.Seen.WithinTestDeadline();
        Assert.True(Sandbox.Host.Gateway.Disconnect(session.SessionId, SessionPeer.Client));
        await command.SendSignalAsync(TerminalSignal.Interrupt, TestDeadline.Token()).AsTask().WithinTestDeadline();
        var result = await run.WithinTestDeadline();

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(Lines(1, 40000, "\n"), stdout.Text);
        Assert.Equal("done\n", Encoding.ASCII.GetString(stderr.ToArray()));
        await client.Channel.Completion.WithinTestDeadline();
        AssertResumedOnce(client);
        assertFaultsHappened();
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
        await quarter.Task.WithinTestDeadline();
        Assert.True(Sandbox.Host.Gateway.RestartAgent(session.SessionId));
        var (sent, received) = await transfer.WithinTestDeadline();

        Assert.Equal(sent, received);
        Assert.Equal(0, client.Channel.Statistics.Reconnects);
        Assert.Equal(2, Sandbox.Host.Sessions.Find(session.SessionId)!.AgentTokens.Count);
    }

    [Fact]
    public async Task Shell_AgentRestarted_AgentReconnectsAndTheShellGoesOn()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);
        await TypeAsync(shell, "echo \"she\"\"ll=$$\"\n");
        var end = await output.WaitForAsync("shell=");

        Assert.True(Sandbox.Host.Gateway.RestartAgent(session.SessionId));
        await TypeAsync(shell, "seq 1 3000; echo \"she\"\"ll=$$\"\n");
        end = await output.WaitForAsync("\r\n3000\r\n", end);
        await output.WaitForAsync("\r\n", await output.WaitForAsync("shell=", end));
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        // The same shell before and after: the restart replaced the agent's socket, not the process.
        var shells = System.Text.RegularExpressions.Regex.Matches(output.Text, "shell=([0-9]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, shells.Count);
        Assert.Equal(shells[0], shells[1]);
        Assert.Equal(0, client.Channel.Statistics.Reconnects);
        Assert.Equal(2, Sandbox.Host.Sessions.Find(session.SessionId)!.AgentTokens.Count);
    }

    private static Task TypeAsync(ShellSessionClient shell, string keys) =>
        shell.SendInputAsync(Encoding.UTF8.GetBytes(keys), TestDeadline.Token()).AsTask().WithinTestDeadline();

    /// <summary>"from\n…to\n" as seq prints it, with <paramref name="newline"/> after every number.</summary>
    private static string Lines(int from, int to, string newline) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(i => i.ToString(CultureInfo.InvariantCulture) + newline));
}
