using System.Net;
using System.Security.Cryptography;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Cli.Tests.Commands;

// A forward whose session ends for good starts a new one on the same local port; the other forwards never notice.
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
}
