using System.Net;
using System.Security.Cryptography;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.World;

namespace EcsOps.Cli.Tests.Commands;

// A forward whose session ends for good starts a new one on the same local port; the other forwards never notice.
// The same with an agent too old to multiplex (basic mode, one connection per session at a time).
public sealed partial class ForwardCommandTests
{
    [Fact]
    public async Task Forward_OneSessionTerminated_ItComesBackAndTheOtherKeepsWorking()
    {
        await using var echo = new Support.EchoServer();
        await using var forward = sandbox.Start(["forward", "dev-web/web", "0:80", $"0:127.0.0.1:{echo.Port}"], captureStdout: false);
        var (webPort, _) = await ReadForwardingLineAsync(forward);
        var (echoPort, _) = await ReadForwardingLineAsync(forward);
        var webSession = SessionFor(webPort);
        var echoSession = SessionFor(echoPort);
        using var open = await OpenEchoConnectionAsync(echoPort);
        var replacement = WaitForSessionAsync(s =>
            IsForLocalPort(s, echoPort) && s.SessionId != echoSession.SessionId && s.State == SessionState.Connected);

        await TerminateThroughSsmAsync(echoSession.SessionId);

        Assert.True(await ClosedByPeerAsync(open), "the connection of the ended session stayed open");
        await replacement;
        var (sent, received) = await EchoThroughAsync(echoPort, RandomNumberGenerator.GetBytes(64 * 1024)).WaitAsync(s_deadline);
        Assert.Equal(SHA256.HashData(sent), SHA256.HashData(received));
        using var http = new HttpClient { Timeout = s_deadline };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{webPort}/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SessionState.Connected, sandbox.Host.Sessions.Find(webSession.SessionId)!.State);

        forward.Signal(Sigterm);
        var result = await forward.WaitAsync();
        Assert.True(result.ExitCode == 143, result.ToString());
        Assert.Empty(result.ErrorLines);
        var restart = Assert.Single(result.StandardError.Split('\n'), l => l.Contains("the session ended", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{echoPort} -> ", restart);
        Assert.True(restart.Contains("(the service ended it); 1 open connection was closed; starting a new session", StringComparison.Ordinal), restart);
    }

    [Fact]
    public async Task Forward_BasicModeAgent_SessionTerminated_ItComesBackOnTheSameLocalPort()
    {
        // Its own sandbox, whose web task runs an SSM agent older than multiplexed port forwarding.
        var world = WorldLoader.LoadDefault();
        world.Accounts[0].Clusters.Single(c => c.Name == WebCluster).Services.Single(s => s.Name == "web").Tasks[0].AgentVersion = "3.0.161.0";
        var own = new CliSandboxFixture { Options = new SandboxOptions { AgentPacing = TimeSpan.Zero, World = world } };
        await own.InitializeAsync();
        try
        {
            await using var echo = new EchoServer();
            await using var forward = own.Start(["forward", "dev-web/web", $"0:127.0.0.1:{echo.Port}"], captureStdout: false);
            var (port, _) = await ReadForwardingLineAsync(forward);
            var first = SessionFor(port, own.Host);
            using var open = await OpenEchoConnectionAsync(port);
            var replacement = WaitForSessionAsync(
                s => IsForLocalPort(s, port) && s.SessionId != first.SessionId && s.State == SessionState.Connected, own.Host);

            await TerminateThroughSsmAsync(first.SessionId, own);

            Assert.True(await ClosedByPeerAsync(open), "the connection of the ended session stayed open");
            await replacement;

            // Basic mode carries no half-close (the agent drops the destination when the local side stops sending), so
            // the round trip reads its answer before closing.
            var sent = RandomNumberGenerator.GetBytes(64 * 1024);
            using (var client = new System.Net.Sockets.TcpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                var stream = client.GetStream();
                var write = stream.WriteAsync(sent).AsTask();
                var received = new byte[sent.Length];
                await stream.ReadExactlyAsync(received).AsTask().WaitAsync(s_deadline);
                await write;
                Assert.Equal(SHA256.HashData(sent), SHA256.HashData(received));
            }

            forward.Signal(Sigterm);
            var result = await forward.WaitAsync();
            Assert.True(result.ExitCode == 143, result.ToString());
            Assert.Empty(result.ErrorLines);
            var lines = result.StandardError.Split('\n');
            var basic = Assert.Single(lines, l => l.Contains("one connection at a time", StringComparison.Ordinal));
            Assert.Contains("3.0.161.0", basic, StringComparison.Ordinal);
            var restart = Assert.Single(lines, l => l.Contains("the session ended", StringComparison.Ordinal));
            Assert.Contains($"127.0.0.1:{port} -> ", restart, StringComparison.Ordinal);
            Assert.True(restart.Contains("(the service ended it); 1 open connection was closed; starting a new session", StringComparison.Ordinal), restart);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}
