using System.Net;
using System.Net.Sockets;

namespace EcsOps.Cli.Tests.Commands;

// Forwards that cannot work: one clear line, and nothing left behind; a refused destination is only a warning.
public sealed partial class ForwardCommandTests
{
    [Fact]
    public async Task Forward_LocalPortTaken_Exits255WithOneLineAndNothingListening()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var freePort = FreePort();

        var result = await sandbox.RunAsync("forward", "dev-web/web", $"{freePort}:80", $"{takenPort}:80");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains($"127.0.0.1:{takenPort}", error);
        Assert.Contains("something else is listening there", error);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.Empty(result.StandardOutputBytes);
        using var again = new TcpListener(IPAddress.Loopback, freePort);
        again.Start(); // the first forward's port was released
        Assert.DoesNotContain(sandbox.Host.Sessions.All(), s => IsForLocalPort(s, freePort));
    }

    [Fact]
    public async Task Forward_DestinationRefuses_LocalConnectionClosedAndTheForwardKeepsRunning()
    {
        var closedPort = FreePort();
        await using var forward = sandbox.Start(["forward", "dev-web/web", $"0:127.0.0.1:{closedPort}"], captureStdout: false);
        var (port, _) = await ReadForwardingLineAsync(forward);

        using (var refused = new TcpClient())
        {
            await refused.ConnectAsync(IPAddress.Loopback, port);
            Assert.True(await ClosedByPeerAsync(refused), "the local connection stayed open");
        }

        // Something starts listening there: the same forward now reaches it.
        using var listening = new TcpListener(IPAddress.Loopback, closedPort);
        listening.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var accepted = await listening.AcceptSocketAsync().WaitAsync(s_deadline);
        await accepted.SendAsync("hello"u8.ToArray());
        var greeting = new byte[5];
        await client.GetStream().ReadExactlyAsync(greeting).AsTask().WaitAsync(s_deadline);
        Assert.Equal("hello"u8.ToArray(), greeting);

        forward.Signal(Sigterm);
        var result = await forward.WaitAsync();
        Assert.True(result.ExitCode == 143, result.ToString());
        Assert.Empty(result.ErrorLines);
        var warning = Assert.Single(result.StandardError.Split('\n'), l => l.Contains("refused", StringComparison.Ordinal));
        Assert.StartsWith("warning: ", warning);
        Assert.Contains($"127.0.0.1:{closedPort}", warning);
    }

    [Fact]
    public async Task Forward_UnknownSelector_Exits255WithOneLineNamingWhatExists()
    {
        var result = await sandbox.RunAsync("forward", "no-such-cluster", "0:80");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("no-such-cluster", error);
        Assert.Contains("dev-web", error);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.Empty(result.StandardOutputBytes);
    }
}
