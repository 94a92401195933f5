using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions.Port;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Sessions;

/// <summary>Client and agent over a loss-free channel pair, with real TCP on 127.0.0.1 at both ends.</summary>
public class MuxPortForwardingTests
{
    // Versions as the plugin and agent report them today: both ends run without smux keepalive.
    private const string CurrentAgentVersion = "3.3.1142.0";
    private const string CurrentClientVersion = "1.2.677.0";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FiftyConnections_EchoingThroughTheTunnel_ComeBackIdentical()
    {
        await using var echo = new EchoServer();
        await using var harness = Harness.Start(ct => DialAsync(echo.EndPoint, ct));
        const int size = 200 * 1024;

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var sent = RandomNumberGenerator.GetBytes(size);
            using var local = await harness.ConnectLocalAsync();
            var echoed = await EchoThroughAsync(local, sent);
            return (Sent: SHA256.HashData(sent), Echoed: SHA256.HashData(echoed));
        })).WaitAsync(s_deadline);

        Assert.All(results, r => Assert.Equal(r.Sent, r.Echoed));
        Assert.Equal(50, echo.ConnectionsAccepted);
    }

    [Fact]
    public async Task DestinationRefuses_ClientGetsConnectToPortErrorAndLocalConnectionCloses()
    {
        var refusing = UnusedLoopbackEndPoint();
        await using var harness = Harness.Start(ct => DialAsync(refusing, ct));

        using var local = await harness.ConnectLocalAsync();
        await local.GetStream().WriteAsync("hello"u8.ToArray());

        await harness.ConnectToPortError.WaitAsync(s_deadline);
        Assert.Equal(0, await ReadOrResetAsync(local).WaitAsync(s_deadline));
        Assert.Contains(harness.AgentEvents, e => e.Kind == MuxPortForwardingEventKind.DestinationDialFailed && e.Error is SocketException);
    }

    [Fact]
    public async Task DestinationRefuses_LaterConnectionsStillWork()
    {
        await using var echo = new EchoServer();
        var attempts = 0;
        await using var harness = Harness.Start(ct => Interlocked.Increment(ref attempts) == 1
            ? DialAsync(UnusedLoopbackEndPoint(), ct)
            : DialAsync(echo.EndPoint, ct));

        using (var refused = await harness.ConnectLocalAsync())
        {
            await harness.ConnectToPortError.WaitAsync(s_deadline);
        }

        using var local = await harness.ConnectLocalAsync();
        var echoed = await EchoThroughAsync(local, "still alive"u8.ToArray()).WaitAsync(s_deadline);
        Assert.Equal("still alive"u8.ToArray(), echoed);
    }

    [Fact]
    public async Task TerminateSession_FromClient_EndsAgentAndItsConnections()
    {
        await using var echo = new EchoServer();
        await using var harness = Harness.Start(ct => DialAsync(echo.EndPoint, ct));
        using var local = await harness.ConnectLocalAsync();
        var stream = local.GetStream();
        await stream.WriteAsync("ping"u8.ToArray());
        var echoed = new byte[4];
        await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(s_deadline);

        await harness.Client.TerminateAsync().WaitAsync(s_deadline);

        await harness.TerminatedByClient.WaitAsync(s_deadline);
        await harness.AgentRunning.WaitAsync(s_deadline);
        Assert.True(harness.Agent.TerminatedByClient);
        Assert.Equal(0, await ReadOrResetAsync(local).WaitAsync(s_deadline));
        await echo.AllConnectionsClosed.WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Terminate_SendsFlag2()
    {
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        await using var client = new MuxPortForwardingClient(clientChannel, CurrentAgentVersion);

        await client.TerminateAsync().WaitAsync(s_deadline);

        var message = await agentChannel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);
        Assert.Equal(PayloadType.Flag, message!.Value.PayloadType);
        Assert.Equal("00000002", Convert.ToHexStringLower(message.Value.Payload.Span));
    }

    [Fact]
    public async Task OpenConnection_InProcess_ReachesDestination()
    {
        await using var echo = new EchoServer();
        await using var harness = Harness.Start(ct => DialAsync(echo.EndPoint, ct));

        await using var connection = await harness.Client.OpenConnectionAsync().WaitAsync(s_deadline);
        await connection.WriteAsync("in-process"u8.ToArray());
        var echoed = new byte[10];
        await connection.ReadExactlyAsync(echoed).AsTask().WaitAsync(s_deadline);

        Assert.Equal("in-process"u8.ToArray(), echoed);
    }

    [Fact]
    public async Task ChannelClosedByService_EndsBothSides()
    {
        await using var echo = new EchoServer();
        await using var harness = Harness.Start(ct => DialAsync(echo.EndPoint, ct));

        harness.ClientChannel.CloseFromService("bye");

        await harness.Client.Completion.WaitAsync(s_deadline);
        await harness.Serving.WaitAsync(s_deadline);
        await harness.AgentRunning.WaitAsync(s_deadline);
        Assert.False(harness.Agent.TerminatedByClient);
    }

    [Theory]
    [InlineData("3.1.1511.0", true)]
    [InlineData("3.1.1512.0", false)]
    [InlineData("3.3.1142.0", false)]
    [InlineData("3.2", true)]
    [InlineData(null, true)]
    public async Task Client_AgentVersion_DecidesKeepAlive(string? agentVersion, bool expected)
    {
        var (clientChannel, _) = PerfectStreamDataChannel.CreatePair();
        await using var client = new MuxPortForwardingClient(clientChannel, agentVersion);

        Assert.Equal(expected, client.KeepAliveEnabled);
    }

    [Theory]
    [InlineData("1.2.331.0", true)]
    [InlineData("1.2.332.0", false)]
    [InlineData("1.2.677.0", false)]
    [InlineData("banana", true)]
    public async Task Agent_ClientVersion_DecidesKeepAlive(string? clientVersion, bool expected)
    {
        var (_, agentChannel) = PerfectStreamDataChannel.CreatePair();
        await using var agent = new MuxPortForwardingAgent(agentChannel, clientVersion, _ => Task.FromResult<Stream>(new MemoryStream()));

        Assert.Equal(expected, agent.KeepAliveEnabled);
    }

    /// <summary>Writes while reading the echo, half-closes, and returns everything that came back.</summary>
    private static async Task<byte[]> EchoThroughAsync(TcpClient local, byte[] data)
    {
        var stream = local.GetStream();
        var reading = Task.Run(async () =>
        {
            var echoed = new MemoryStream();
            await stream.CopyToAsync(echoed);
            return echoed.ToArray();
        });
        for (var offset = 0; offset < data.Length; offset += 16 * 1024)
        {
            await stream.WriteAsync(data.AsMemory(offset, Math.Min(16 * 1024, data.Length - offset)));
        }

        local.Client.Shutdown(SocketShutdown.Send);
        return await reading.WaitAsync(s_deadline);
    }

    /// <summary>0 at end of stream; a reset also counts as closed.</summary>
    private static async Task<int> ReadOrResetAsync(TcpClient local)
    {
        try
        {
            return await local.GetStream().ReadAsync(new byte[16]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<Stream> DialAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A loopback port nobody listens on: bound once to learn a free number, then released.</summary>
    private static IPEndPoint UnusedLoopbackEndPoint()
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }

    /// <summary>A started client (serving a loopback listener) and agent over one channel pair.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly TcpListener _localListener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _connectToPortError = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _terminatedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<MuxPortForwardingEvent> _agentEvents = new();

        private Harness(Func<CancellationToken, Task<Stream>> dialDestination)
        {
            (ClientChannel, var agentChannel) = PerfectStreamDataChannel.CreatePair();
            _localListener.Start();
            Client = new MuxPortForwardingClient(ClientChannel, CurrentAgentVersion, OnClientEvent);
            Agent = new MuxPortForwardingAgent(agentChannel, CurrentClientVersion, dialDestination, OnAgentEvent);
            Serving = Client.ServeAsync(_localListener, _stop.Token);
            AgentRunning = Agent.RunAsync(_stop.Token);
        }

        public PerfectStreamDataChannel ClientChannel { get; }

        public MuxPortForwardingClient Client { get; }

        public MuxPortForwardingAgent Agent { get; }

        public Task Serving { get; }

        public Task AgentRunning { get; }

        public Task ConnectToPortError => _connectToPortError.Task;

        public Task TerminatedByClient => _terminatedByClient.Task;

        public IReadOnlyCollection<MuxPortForwardingEvent> AgentEvents => _agentEvents;

        public static Harness Start(Func<CancellationToken, Task<Stream>> dialDestination) => new(dialDestination);

        public async Task<TcpClient> ConnectLocalAsync()
        {
            var local = new TcpClient();
            await local.ConnectAsync((IPEndPoint)_localListener.LocalEndpoint).WaitAsync(s_deadline);
            return local;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            foreach (var running in new[] { Serving, AgentRunning })
            {
                try
                {
                    await running.WaitAsync(s_deadline);
                }
                catch (OperationCanceledException)
                {
                }
            }

            await Client.DisposeAsync();
            await Agent.DisposeAsync();
            _localListener.Stop();
            _localListener.Dispose();
            _stop.Dispose();
        }

        private void OnClientEvent(MuxPortForwardingEvent e)
        {
            if (e.Kind == MuxPortForwardingEventKind.ConnectToPortError)
            {
                _connectToPortError.TrySetResult();
            }
        }

        private void OnAgentEvent(MuxPortForwardingEvent e)
        {
            _agentEvents.Enqueue(e);
            if (e.Kind == MuxPortForwardingEventKind.TerminatedByClient)
            {
                _terminatedByClient.TrySetResult();
            }
        }
    }

    /// <summary>TCP echo on 127.0.0.1: echoes until the client half-closes, then closes.</summary>
    private sealed class EchoServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _accepted;
        private int _open;
        private TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public EchoServer()
        {
            _listener.Start();
            EndPoint = (IPEndPoint)_listener.LocalEndpoint;
            _accepting = AcceptAsync();
        }

        public IPEndPoint EndPoint { get; }

        public int ConnectionsAccepted => Volatile.Read(ref _accepted);

        /// <summary>Completes when no connection is open (after at least one was).</summary>
        public Task AllConnectionsClosed => Volatile.Read(ref _allClosed).Task;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _listener.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                if (Interlocked.Increment(ref _open) == 1)
                {
                    Volatile.Write(ref _allClosed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                _ = EchoAsync(socket);
            }
        }

        private async Task EchoAsync(Socket socket)
        {
            try
            {
                await using var stream = new NetworkStream(socket, ownsSocket: true);
                await stream.CopyToAsync(stream, _stop.Token);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            finally
            {
                if (Interlocked.Decrement(ref _open) == 0)
                {
                    Volatile.Read(ref _allClosed).TrySetResult();
                }
            }
        }
    }
}
