using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>
/// Shells and interactive commands end to end: SDK or signed ECS call, client DataChannel over a real websocket,
/// gateway, agent, and a real process on a real PTY in the world's web container.
/// </summary>
[Collection(SessionSandboxCollection.Name)]
public class ShellSessionTests(SessionSandboxFixture fixture)
{
    private SessionSandbox Sandbox => fixture.Sandbox;

    private static Task TypeAsync(ShellSessionClient shell, string keys) =>
        shell.SendInputAsync(Encoding.UTF8.GetBytes(keys), TestDeadline.Token()).AsTask().WithinTestDeadline();

    /// <summary>
    /// Waits for "<paramref name="name"/>=N" and a line end after it; returns N. Type the name split by "" so that
    /// the PTY's echo of the typed line does not match.
    /// </summary>
    private static async Task<int> WaitForNumberAsync(OutputCollector output, string name)
    {
        var start = await output.WaitForAsync($"{name}=");
        await output.WaitForAsync("\r\n", start);
        return int.Parse(Regex.Match(output.Text[start..], "^[0-9]+").Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task StartSession_ShellRunsEcho_OutputArrivesAndExitEndsSessionWithChannelClosed()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        // The PTY echoes what is typed: "hel""lo" appears as typed, so only the shell's own output contains "hello".
        await TypeAsync(shell, "echo hel\"\"lo\n");
        await output.WaitForAsync("hello\r\n");
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        Assert.Equal(DataChannelState.Closed, client.Channel.State);
        Assert.NotNull(client.Channel.ClosedBy);
        Assert.Equal((session.SessionId, session.Target, ""), (client.Channel.ClosedBy.SessionId, client.Channel.ClosedBy.DestinationId, client.Channel.ClosedBy.Output));
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task StartSession_Tty_ShellRunsOnAPseudoterminalInTheContainer()
    {
        var session = await Sandbox.StartSessionAsync();
        var container = Sandbox.ContainerOf(session.Target);
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        // /dev/tty opens only for a process that has a controlling terminal.
        await TypeAsync(shell, "tty; : < /dev/tty && echo control\"\"ling; echo \"di\"\"r=$(pwd) term=$TERM\"\n");
        var end = await output.WaitForAsync("controlling\r\n");
        await output.WaitForAsync("\r\n", await output.WaitForAsync("dir="));
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        Assert.Matches(new Regex("/dev/pts/[0-9]+\r\ncontrolling\r\n"), output.Text[..end]);
        Assert.Contains($"dir={container.WorkingDirectory} term=xterm-256color\r\n", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSession_SizeMessagesFromClient_SttySizeShowsThemBeforeAndAfterAResize()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        await shell.SendTerminalSizeAsync(new TerminalSize(132, 43), TestDeadline.Token()).AsTask().WithinTestDeadline();
        await TypeAsync(shell, "stty size\n");
        var end = await output.WaitForAsync("43 132\r\n");
        await shell.SendTerminalSizeAsync(new TerminalSize(97, 21), TestDeadline.Token()).AsTask().WithinTestDeadline();
        await TypeAsync(shell, "stty size\n");
        await output.WaitForAsync("21 97\r\n", end);
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        Assert.DoesNotContain("24 80", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSession_CtrlC_InterruptsTheForegroundSleepAndTheShellGoesOn()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        // The child prints the marker and then becomes sleep (exec): once it shows, the foreground job is sleep.
        await TypeAsync(shell, "sh -c 'echo sleep\"\"ing; exec sleep 100'\n");
        var end = await output.WaitForAsync("sleeping\r\n");
        await TypeAsync(shell, "\x03");
        end = await output.WaitForAsync("^C", end);
        await TypeAsync(shell, "echo status-$?\n");
        await output.WaitForAsync("status-130\r\n", end);
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        Assert.Equal("", client.Channel.ClosedBy?.Output);
    }

    [Fact]
    public async Task StartSession_ExitWithBackgroundJob_NoProcessOfTheSessionOutlivesIt()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        await TypeAsync(shell, "sleep 300 </dev/null >/dev/null 2>&1 & echo \"jo\"\"b=$!\"; echo \"she\"\"ll=$$\"\n");
        var job = await WaitForNumberAsync(output, "job");
        var shellPid = await WaitForNumberAsync(output, "shell");
        Assert.True(ContainerContexts.IsAlive(job));
        await TypeAsync(shell, "exit\n");
        await output.Completion.WithinTestDeadline();

        // channel_closed comes after the agent swept the process's session.
        Assert.False(ContainerContexts.IsAlive(job), $"the background sleep {job} outlived the session");
        Assert.True(ContainerContexts.IsSessionGone(shellPid), $"processes of session {shellPid} are left");
    }

    [Fact]
    public async Task ExecuteCommand_InteractiveCommand_RunsArgvDirectlyOnAPtyThenChannelClosed()
    {
        var session = await Sandbox.ExecuteCommandAsync("sh -c 'echo $((6 * 7)); echo \"two words\"; tty'");
        await using var client = await Sandbox.OpenClientAsync(session);
        var output = new OutputCollector(new ShellSessionClient(client.Channel));

        await output.Completion.WithinTestDeadline();

        Assert.Matches(new Regex("^42\r\ntwo words\r\n/dev/pts/[0-9]+\r\n$"), output.Text);
        Assert.Equal("", client.Channel.ClosedBy?.Output);
        Assert.StartsWith("ecs-execute-command-", session.SessionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteCommand_LargeOutputThenExit_EveryByteArrivesBeforeChannelClosed()
    {
        var session = await Sandbox.ExecuteCommandAsync("seq 1 200000");
        await using var client = await Sandbox.OpenClientAsync(session);
        var output = new OutputCollector(new ShellSessionClient(client.Channel));

        await output.Completion.WithinTestDeadline();

        Assert.Equal(string.Concat(Enumerable.Range(1, 200000).Select(i => i.ToString(CultureInfo.InvariantCulture) + "\r\n")), output.Text);
        Assert.Equal("", client.Channel.ClosedBy?.Output);
    }

    [Fact]
    public async Task ExecuteCommand_CtrlC_InterruptsTheCommandAndTheSessionEnds()
    {
        // The command leads its PTY's session: once it has printed the marker and become sleep, ^C reaches sleep.
        var session = await Sandbox.ExecuteCommandAsync("sh -c 'echo ready; exec sleep 100'");
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);
        await output.WaitForAsync("ready\r\n");

        await TypeAsync(shell, "\x03");
        await output.Completion.WithinTestDeadline();

        // Without the interrupt the session would last 100 s; the echoed "^C" may follow the marker.
        Assert.StartsWith("ready\r\n", output.Text, StringComparison.Ordinal);
        Assert.Equal("", client.Channel.ClosedBy?.Output);
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task ExecuteCommand_MegabyteOfRawInput_ReachesTheProcessIntact()
    {
        // Raw mode, so that the line discipline passes every byte as it is; the marker says it is in force.
        var session = await Sandbox.ExecuteCommandAsync("sh -c 'stty raw -echo; echo ready; head -c 1000000 | sha256sum'");
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);
        await output.WaitForAsync("ready");
        var input = new byte[1_000_000];
        new Random(3).NextBytes(input);

        for (var offset = 0; offset < input.Length; offset += 1024)
        {
            await shell.SendInputAsync(input.AsMemory(offset, Math.Min(1024, input.Length - offset)), TestDeadline.Token());
        }

        await output.Completion.WithinTestDeadline();
        Assert.Contains($"{Convert.ToHexStringLower(SHA256.HashData(input))}  -", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateSession_OpenShell_ClientGetsChannelClosedAndTheProcessesAreKilled()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);
        await TypeAsync(shell, "sleep 300 & echo \"jo\"\"b=$!\"; echo \"she\"\"ll=$$\"\n");
        var job = await WaitForNumberAsync(output, "job");
        var shellPid = await WaitForNumberAsync(output, "shell");

        using (var ssm = Sandbox.Ssm())
        {
            await ssm.TerminateSessionAsync(new Amazon.SimpleSystemsManagement.Model.TerminateSessionRequest { SessionId = session.SessionId });
        }

        await output.Completion.WithinTestDeadline();
        Assert.Equal(DataChannelState.Closed, client.Channel.State);
        Assert.Equal(session.SessionId, client.Channel.ClosedBy?.SessionId);

        // The service closes both channels at once; the agent then kills the processes, a moment later.
        await ContainerContexts.WaitForExitAsync([shellPid, job], TestDeadline.Default);
        Assert.True(ContainerContexts.IsSessionGone(shellPid), $"processes of session {shellPid} are left");
    }

    [Fact]
    public async Task ExecuteCommand_ClusterWithKmsKey_SessionIsEncryptedEndToEnd()
    {
        var session = await Sandbox.ExecuteCommandAsync(
            "sh -c 'read line; echo got-$line'", SessionSandbox.KmsCluster, SessionSandbox.KmsTask, "api", Sandbox.Prod, SessionSandbox.KmsRegion);
        await using var client = await Sandbox.OpenClientAsync(session);
        using var kms = Sandbox.Raw(Sandbox.Prod, SessionSandbox.KmsRegion);
        var keys = new SandboxKmsDataKeyGenerator(kms);
        var handshake = await new ClientHandshake(new ClientHandshakeOptions
        {
            KmsDataKeyGenerator = keys,
            SessionId = session.SessionId,
            TargetId = session.Target,
        }).RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        var shell = ShellSessionClient.FromHandshake(client.Channel, handshake);
        var output = new OutputCollector(shell);

        await TypeAsync(shell, "secret\n");
        await output.Completion.WithinTestDeadline();

        Assert.True(handshake.Session.IsEncrypted);
        Assert.Equal(SessionType.InteractiveCommands, handshake.Session.SessionType);
        Assert.Equal(1, keys.Calls);
        Assert.Contains("got-secret\r\n", output.Text, StringComparison.Ordinal);
    }
}
