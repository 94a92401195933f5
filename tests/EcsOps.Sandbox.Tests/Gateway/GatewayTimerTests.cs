using System.Net.WebSockets;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Gateway;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>
/// The gateway's timers on a manual clock (the sandbox's timer clock; signatures keep real time): idle
/// timeout, the periodic "Bye" disconnect, and the OpenDataChannel deadline. Nothing sleeps.
/// </summary>
public class GatewayTimerTests
{
    private static async Task<(ShellSessionClient Shell, OutputCollector Output)> OpenShellAsync(ClientChannel client)
    {
        var shell = new ShellSessionClient(client.Channel);
        var output = new OutputCollector(shell);
        await EchoAsync(shell, output, "first");
        return (shell, output);
    }

    /// <summary>Runs echo in the shell and waits for its output ("a""b" so that only the shell's output matches).</summary>
    private static async Task EchoAsync(ShellSessionClient shell, OutputCollector output, string word)
    {
        await shell.SendInputAsync(System.Text.Encoding.UTF8.GetBytes($"echo {word[..1]}\"\"{word[1..]}\n"), TestDeadline.Token());
        await output.WaitForAsync(word);
    }

    [Fact]
    public async Task IdleTimeout_NoStreamDataFor20Minutes_ChannelClosedWithTimeoutMessage()
    {
        var clock = new ManualClock();
        await using var sandbox = await SessionSandbox.StartAsync(o => o with { TimerClock = clock });
        var session = await sandbox.StartSessionAsync();
        await using var client = await sandbox.OpenClientAsync(session);
        var (shell, output) = await OpenShellAsync(client);

        // Activity at 10 minutes pushes the deadline out: at 20 minutes the session is still alive.
        clock.Advance(TimeSpan.FromMinutes(10));
        await EchoAsync(shell, output, "second");
        clock.Advance(TimeSpan.FromMinutes(10));
        await EchoAsync(shell, output, "third");
        Assert.Null(client.Channel.ClosedBy);

        clock.Advance(GatewayOptions.DefaultIdleTimeout);
        await output.Completion.WithinTestDeadline();

        Assert.Equal(GatewayOptions.IdleTimeoutOutput, client.Channel.ClosedBy?.Output);
        Assert.Equal(SessionState.Terminated, sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task PeriodicDisconnect_AfterTheInterval_ClientResumesWithNewTokenSessionGoesOn()
    {
        var clock = new ManualClock();
        await using var sandbox = await SessionSandbox.StartAsync(o => o with
        {
            TimerClock = clock,
            // The idle timeout would end the session first: an hour passes in one step here.
            Gateway = new GatewayOptions { PeriodicDisconnectInterval = TimeSpan.FromHours(1), IdleTimeout = Timeout.InfiniteTimeSpan },
        });
        var session = await sandbox.StartSessionAsync();
        await using var client = await sandbox.OpenClientAsync(session);
        var (shell, output) = await OpenShellAsync(client);

        clock.Advance(TimeSpan.FromHours(1));
        await EchoAsync(shell, output, "after-bye");

        Assert.Equal(1, client.Channel.Statistics.Reconnects);
        Assert.Equal(2, client.Tokens.Distinct().Count());
        Assert.Equal(DataChannelState.Open, client.Channel.State);
        Assert.NotEqual(SessionState.Terminated, sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task OpenTimeout_NoOpenDataChannel_ClosedWithPolicyViolation()
    {
        var clock = new ManualClock();
        await using var sandbox = await SessionSandbox.StartAsync(o => o with { TimerClock = clock });
        var session = await sandbox.StartSessionAsync();
        await using var socket = await RawDataChannelSocket.ConnectAsync(session.StreamUrl);

        await clock.WaitForTimerWithinAsync(new GatewayOptions().OpenTimeout).WithinTestDeadline();
        clock.Advance(new GatewayOptions().OpenTimeout);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitForCloseAsync());
        Assert.Equal(SessionState.Connecting, sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }
}
