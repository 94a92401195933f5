using System.Net;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops forward` as a process against the sandbox: the printed address works, many connections, resume.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed partial class ForwardCommandTests(CliSandboxFixture sandbox)
{
    private const int Sigterm = 15;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    // Only a guard against a hang: 200 MiB through the sandbox on a loaded 2-core machine.
    private static readonly TimeSpan s_bulkDeadline = TimeSpan.FromMinutes(5);

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
    public async Task Forward_ToARemoteHost_FiftyConcurrentConnectionsCarry100MiBByteIdentical()
    {
        // One long stream beside many short ones: 51 MiB on the first connection, 1 MiB on each of the other 49.
        const int Connections = 50;
        var sizes = Enumerable.Range(0, Connections).Select(i => (i == 0 ? 51 : 1) * 1024 * 1024).ToArray();
        await using var echo = new EchoServer();
        await using var forward = sandbox.Start(["forward", "dev-web/web", $"0:127.0.0.1:{echo.Port}"], captureStdout: false);
        var (port, target) = await ReadForwardingLineAsync(forward);
        Assert.StartsWith($"127.0.0.1:{echo.Port} via ", target);

        var transfers = sizes.Select((size, seed) => EchoHashedThroughAsync(port, size, seed)).ToList();
        var results = await Task.WhenAll(transfers).WaitAsync(s_bulkDeadline);

        Assert.Equal(100L * 1024 * 1024, results.Sum(r => r.Bytes));
        Assert.All(results, r => Assert.Equal(Convert.ToHexString(r.SentSha256), Convert.ToHexString(r.ReceivedSha256)));
        Assert.Equal(Connections, echo.Connections);
        Assert.Equal(SessionDocuments.PortForwardingToRemoteHost, SessionFor(port).DocumentName);
        Assert.Single(sandbox.Host.Sessions.All(), s => IsForLocalPort(s, port));
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
