using System.Net;
using System.Security.Cryptography;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops forward` as a process against the sandbox: the printed address works, many connections, resume.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed partial class ForwardCommandTests(CliSandboxFixture sandbox)
{
    private const int Sigterm = 15;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Forward_ToTheWebTaskPort_GetThroughThePrintedAddressSucceeds()
    {
        await using var forward = sandbox.Start(["forward", "dev-web/web", "0:80"], captureStdout: false);
        var (port, target) = await ReadForwardingLineAsync(forward);
        Assert.EndsWith("dev-web/web/app:80", target);

        using var http = new HttpClient { Timeout = s_deadline };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Directory listing", await response.Content.ReadAsStringAsync());
        forward.Signal(Sigterm);
        var result = await forward.WaitAsync();
        Assert.True(result.ExitCode == 143, result.ToString());
        Assert.Empty(result.ErrorLines);
        Assert.Equal(SessionState.Terminated, SessionFor(port).State);
    }

    [Fact]
    public async Task Forward_ToARemoteHost_TwentyConcurrentConnectionsEchoByteIdentical()
    {
        await using var echo = new EchoServer();
        await using var forward = sandbox.Start(["forward", "dev-web/web", $"0:127.0.0.1:{echo.Port}"], captureStdout: false);
        var (port, target) = await ReadForwardingLineAsync(forward);
        Assert.StartsWith($"127.0.0.1:{echo.Port} via ", target);

        var transfers = Enumerable.Range(0, 20).Select(_ => EchoThroughAsync(port, RandomNumberGenerator.GetBytes(256 * 1024))).ToList();
        var results = await Task.WhenAll(transfers).WaitAsync(s_deadline);

        Assert.All(results, r => Assert.Equal(SHA256.HashData(r.Sent), SHA256.HashData(r.Received)));
        Assert.Equal(20, echo.Connections);
        Assert.Equal(SessionDocuments.PortForwardingToRemoteHost, SessionFor(port).DocumentName);
    }

    [Fact]
    public async Task Forward_ClientSocketDropped_ResumesAndKeepsForwarding()
    {
        await using var forward = sandbox.Start(["forward", "dev-web/web", "0:80"], captureStdout: false);
        var (port, _) = await ReadForwardingLineAsync(forward);
        using var http = new HttpClient { Timeout = s_deadline };
        using (var first = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var session = SessionFor(port);
        Assert.True(sandbox.Host.Gateway.Disconnect(session.SessionId, SessionPeer.Client, abort: true));
        using var second = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var resumed = sandbox.Host.Sessions.Find(session.SessionId)!;
        Assert.True(resumed.Tokens.Count >= 2, "ResumeSession was never called");
        Assert.Contains(resumed.Tokens[^1], resumed.RedeemedTokens);
    }

    [Fact]
    public async Task Forward_NoForwardGiven_UsageError()
    {
        var result = await sandbox.RunAsync("forward", "dev-web/web");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no forward given", Assert.Single(result.ErrorLines));
    }
}
