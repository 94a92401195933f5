using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Cli.Tests.Commands;

// What the forward tests share: the printed line, the sandbox's record of a forward's sessions, echo round trips.
public sealed partial class ForwardCommandTests
{
    private static async Task<(int Port, string Target)> ReadForwardingLineAsync(EcsOpsProcess process)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(s_deadline);
        if (line is null)
        {
            Assert.Fail("ecsops exited before forwarding: " + await process.WaitAsync());
        }

        var match = ForwardingLine().Match(line);
        Assert.True(match.Success, $"unexpected first line: {line}");
        return (int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture), match.Groups["target"].Value);
    }

    // The newest: an earlier test's forward may have had the same ephemeral port.
    private SessionRecord SessionFor(int localPort, SandboxHost? host = null) =>
        (host ?? sandbox.Host).Sessions.All().Last(s => IsForLocalPort(s, localPort));

    private static bool IsForLocalPort(SessionRecord session, int localPort) =>
        session.Parameters.TryGetValue("localPortNumber", out var values) && values.Contains(localPort.ToString(CultureInfo.InvariantCulture));

    /// <summary>Completes with the first session (now or later) that <paramref name="matches"/>.</summary>
    private async Task<SessionRecord> WaitForSessionAsync(Func<SessionRecord, bool> matches, SandboxHost? host = null)
    {
        var sessions = (host ?? sandbox.Host).Sessions;
        var found = new TaskCompletionSource<SessionRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(SessionRecord record)
        {
            if (matches(record))
            {
                found.TrySetResult(record);
            }
        }

        sessions.StateChanged += Check;
        try
        {
            foreach (var existing in sessions.All())
            {
                Check(existing);
            }

            return await found.Task.WaitAsync(s_deadline);
        }
        finally
        {
            sessions.StateChanged -= Check;
        }
    }

    /// <summary>SSM TerminateSession through the AWS SDK, as an operator or an administrator would end a session.</summary>
    private async Task TerminateThroughSsmAsync(string sessionId, CliSandboxFixture? on = null)
    {
        var fixture = on ?? sandbox;
        var environment = fixture.Environment;
        using var ssm = new AmazonSimpleSystemsManagementClient(
            new BasicAWSCredentials(environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"]),
            new AmazonSimpleSystemsManagementConfig
            {
                ServiceURL = fixture.Host.Endpoint.ToString(),
                AuthenticationRegion = environment["AWS_REGION"],
            });
        await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = sessionId });
    }

    /// <summary>True once the peer has closed the connection (end of stream or reset), within the deadline.</summary>
    private static async Task<bool> ClosedByPeerAsync(TcpClient client)
    {
        try
        {
            return await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(s_deadline) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>A connection through the forward with one round trip done, left open.</summary>
    private static async Task<TcpClient> OpenEchoConnectionAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync("ping"u8.ToArray());
        var answer = new byte[4];
        await stream.ReadExactlyAsync(answer).AsTask().WaitAsync(s_deadline);
        Assert.Equal("ping"u8.ToArray(), answer);
        return client;
    }

    private static async Task<(byte[] Sent, byte[] Received)> EchoThroughAsync(int port, byte[] data)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var send = Task.Run(async () =>
        {
            await stream.WriteAsync(data);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        await send;
        return (data, received.ToArray());
    }

    /// <summary>
    /// Sends <paramref name="size"/> pseudo-random bytes (from <paramref name="seed"/>) through an echo connection while
    /// reading the echo back, hashing both sides as they stream (no whole copy in memory).
    /// </summary>
    private static async Task<(long Bytes, byte[] SentSha256, byte[] ReceivedSha256)> EchoHashedThroughAsync(int port, int size, int seed)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var send = Task.Run(async () =>
        {
            using var sent = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var random = new Random(seed);
            var chunk = new byte[64 * 1024];
            for (var left = size; left > 0; left -= chunk.Length)
            {
                var part = chunk.AsMemory(0, Math.Min(left, chunk.Length));
                random.NextBytes(part.Span);
                sent.AppendData(part.Span);
                await stream.WriteAsync(part);
            }

            client.Client.Shutdown(SocketShutdown.Send);
            return sent.GetHashAndReset();
        });

        using var received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.AppendData(buffer.AsSpan(0, read));
            total += read;
        }

        return (total, await send, received.GetHashAndReset());
    }

    /// <summary>A port nothing listens on (bound for a moment by us, then released).</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^forwarding 127\.0\.0\.1:(?<port>\d+) -> (?<target>.+)$")]
    private static partial Regex ForwardingLine();
}
