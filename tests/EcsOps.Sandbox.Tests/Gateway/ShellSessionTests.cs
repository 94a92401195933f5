using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>Shells and interactive commands end to end: SDK or signed ECS call, client DataChannel over a real websocket, gateway, agent, process.</summary>
[Collection(SessionSandboxCollection.Name)]
public class ShellSessionTests(SessionSandboxFixture fixture)
{
    private SessionSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task StartSession_ShellRunsEcho_OutputArrivesAndExitEndsSessionWithChannelClosed()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        // "hel""lo" is echoed back by a PTY as typed, so only the shell's own output contains "hello".
        await shell.SendInputAsync("echo hel\"\"lo\n"u8.ToArray(), TestDeadline.Token());
        await output.WaitForAsync("hello");
        await shell.SendInputAsync("exit\n"u8.ToArray(), TestDeadline.Token());
        await output.Completion.WithinDeadline();

        Assert.Equal(DataChannelState.Closed, client.Channel.State);
        Assert.NotNull(client.Channel.ClosedBy);
        Assert.Equal((session.SessionId, session.Target, ""), (client.Channel.ClosedBy.SessionId, client.Channel.ClosedBy.DestinationId, client.Channel.ClosedBy.Output));
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task ExecuteCommand_InteractiveCommand_RunsArgvDirectlyThenChannelClosed()
    {
        var session = await Sandbox.ExecuteCommandAsync("sh -c 'echo $((6 * 7)); echo \"two words\"'");
        await using var client = await Sandbox.OpenClientAsync(session);
        var output = new OutputCollector(new ShellSessionClient(client.Channel));

        await output.Completion.WithinDeadline();

        Assert.Contains("42", output.Text, StringComparison.Ordinal);
        Assert.Contains("two words", output.Text, StringComparison.Ordinal);
        Assert.Equal("", client.Channel.ClosedBy?.Output);
        Assert.StartsWith("ecs-execute-command-", session.SessionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSession_TerminalSizeAndInput_ReachTheProcess()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);

        await shell.SendTerminalSizeAsync(new TerminalSize(132, 43), TestDeadline.Token());
        await shell.SendInputAsync("echo size-se\"\"nt\n"u8.ToArray(), TestDeadline.Token());
        await output.WaitForAsync("size-sent");

        var process = Sandbox.Processes.Started.Single(p => p.LastSize is not null && p.LastSize == (132, 43));
        Assert.False(process.HasExited);
        await shell.SendInputAsync("exit\n"u8.ToArray(), TestDeadline.Token());
        await output.Completion.WithinDeadline();
    }

    [Fact]
    public async Task TerminateSession_OpenShell_ClientGetsChannelClosedAndProcessIsKilled()
    {
        var session = await Sandbox.StartSessionAsync();
        await using var client = await Sandbox.OpenClientAsync(session);
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);
        await shell.SendInputAsync("echo rea\"\"dy\n"u8.ToArray(), TestDeadline.Token());
        await output.WaitForAsync("ready");

        using (var ssm = Sandbox.Ssm())
        {
            await ssm.TerminateSessionAsync(new Amazon.SimpleSystemsManagement.Model.TerminateSessionRequest { SessionId = session.SessionId });
        }

        await output.Completion.WithinDeadline();
        Assert.Equal(DataChannelState.Closed, client.Channel.State);
        Assert.Equal(session.SessionId, client.Channel.ClosedBy?.SessionId);
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
        }).RunAsync(client.Channel, TestDeadline.Token()).WithinDeadline();
        var shell = ShellSessionClient.FromHandshake(client.Channel, handshake);
        var output = new OutputCollector(shell);

        await shell.SendInputAsync(Encoding.UTF8.GetBytes("secret\n"), TestDeadline.Token());
        await output.Completion.WithinDeadline();

        Assert.True(handshake.Session.IsEncrypted);
        Assert.Equal(SessionType.InteractiveCommands, handshake.Session.SessionType);
        Assert.Equal(1, keys.Calls);
        Assert.Contains("got-secret", output.Text, StringComparison.Ordinal);
    }
}
