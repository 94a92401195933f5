using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Sessions;

/// <summary>Basic-mode forwarding between real loopback sockets: app → client listener → channel → agent → echo server.</summary>
public sealed class BasicPortForwardingTests : IAsyncDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private readonly TcpListener _echoServer = new(IPAddress.Loopback, 0);
    private readonly TcpListener _localListener = new(IPAddress.Loopback, 0);
    private readonly Channel<TaskCompletionSource> _echoConnectionsClosed = Channel.CreateUnbounded<TaskCompletionSource>();
    private readonly CancellationTokenSource _stop = new();
    private int _echoConnections;

    public BasicPortForwardingTests()
    {
        _echoServer.Start();
        _localListener.Start();
        _ = RunEchoServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _echoServer.Stop();
        _localListener.Stop();
        _stop.Dispose();
    }

    private async Task RunEchoServerAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _echoServer.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _echoConnections);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _echoConnectionsClosed.Writer.TryWrite(closed);
            _ = EchoAsync(connection, closed);
        }
    }

    private static async Task EchoAsync(TcpClient connection, TaskCompletionSource closed)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read));
                }
            }
            catch (IOException)
            {
            }
        }

        closed.TrySetResult();
    }

    private async Task<Stream> DialEchoServerAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)_echoServer.LocalEndpoint, cancellationToken);
        return client.GetStream();
    }

    private async ValueTask<Stream?> AcceptLocalAsync(CancellationToken cancellationToken)
    {
        var connection = await _localListener.AcceptTcpClientAsync(cancellationToken);
        return connection.GetStream();
    }

    private async Task<TcpClient> ConnectAppAsync()
    {
        var app = new TcpClient();
        await app.ConnectAsync((IPEndPoint)_localListener.LocalEndpoint).WaitAsync(s_deadline);
        return app;
    }

    private static async Task<string> EchoRoundTripAsync(TcpClient app, string text)
    {
        var stream = app.GetStream();
        var sent = Encoding.ASCII.GetBytes(text);
        await stream.WriteAsync(sent).AsTask().WaitAsync(s_deadline);
        var received = new byte[sent.Length];
        await stream.ReadExactlyAsync(received).AsTask().WaitAsync(s_deadline);
        return Encoding.ASCII.GetString(received);
    }

    [Fact]
    public async Task Forward_EchoThenDisconnectThenSecondConnection_AgentRedialsAndSessionTerminates()
    {
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        var agent = new BasicPortForwardingAgent(agentChannel, DialEchoServerAsync).RunAsync(CancellationToken.None);
        var client = new BasicPortForwardingClient(clientChannel);
        var forwarding = client.RunAsync(AcceptLocalAsync, CancellationToken.None);

        using (var first = await ConnectAppAsync())
        {
            Assert.Equal("hello through the tunnel", await EchoRoundTripAsync(first, "hello through the tunnel"));
        }

        // DisconnectToPort made the agent close its destination connection.
        var firstDestination = await _echoConnectionsClosed.Reader.ReadAsync().AsTask().WaitAsync(s_deadline);
        await firstDestination.Task.WaitAsync(s_deadline);

        using (var second = await ConnectAppAsync())
        {
            var big = new string('x', 5000);
            Assert.Equal(big, await EchoRoundTripAsync(second, big));
        }

        await client.TerminateSessionAsync(CancellationToken.None);
        Assert.Equal(BasicPortForwardingEnd.TerminatedByClient, await agent.WaitAsync(s_deadline));
        agentChannel.CloseFromService("session terminated");
        await forwarding.WaitAsync(s_deadline);
        Assert.Equal(2, Volatile.Read(ref _echoConnections));
        Assert.Equal("session terminated", client.ClosedOutput);
    }

    /// <summary>
    /// A destination that greets each connection with "bye\n", shuts down its sending side, and reports
    /// when the agent has closed the connection in turn (so a test knows the agent saw the hang-up).
    /// </summary>
    private sealed class HangUpServer : IDisposable
    {
        private readonly TcpListener _server = new(IPAddress.Loopback, 0);
        private int _connections;

        public HangUpServer()
        {
            _server.Start();
            _ = AcceptLoopAsync();
        }

        public int Connections => Volatile.Read(ref _connections);

        public Channel<int> ClosedByAgent { get; } = Channel.CreateUnbounded<int>();

        public async Task<Stream> DialAsync(CancellationToken cancellationToken)
        {
            var client = new TcpClient();
            await client.ConnectAsync((IPEndPoint)_server.LocalEndpoint, cancellationToken);
            return client.GetStream();
        }

        public void Dispose() => _server.Stop();

        private async Task AcceptLoopAsync()
        {
            try
            {
                while (true)
                {
                    var connection = await _server.AcceptTcpClientAsync();
                    _ = HangUpAsync(connection, Interlocked.Increment(ref _connections));
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task HangUpAsync(TcpClient connection, int number)
        {
            using (connection)
            {
                var stream = connection.GetStream();
                await stream.WriteAsync("bye\n"u8.ToArray());
                connection.Client.Shutdown(SocketShutdown.Send);
                var sink = new byte[1024];
                try
                {
                    while (await stream.ReadAsync(sink) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                }
            }

            ClosedByAgent.Writer.TryWrite(number);
        }
    }

    [Fact]
    public async Task Agent_DestinationHangsUpInStandardStreamMode_ForwardsLastBytesAndEndsSession()
    {
        using var server = new HangUpServer();
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();

        var agent = new BasicPortForwardingAgent(agentChannel, server.DialAsync, endWhenDestinationCloses: true).RunAsync(CancellationToken.None);

        Assert.Equal(BasicPortForwardingEnd.DestinationClosed, await agent.WaitAsync(s_deadline));
        var last = await clientChannel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);
        Assert.Equal("bye\n", Encoding.ASCII.GetString(last!.Value.Payload.Span));
    }

    [Fact]
    public async Task Agent_DestinationHangsUpInLocalPortForwardingMode_RedialsOnNextClientData()
    {
        using var server = new HangUpServer();
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        var agent = new BasicPortForwardingAgent(agentChannel, server.DialAsync).RunAsync(CancellationToken.None);
        await clientChannel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);
        Assert.Equal(1, await server.ClosedByAgent.Reader.ReadAsync().AsTask().WaitAsync(s_deadline));
        Assert.False(agent.IsCompleted);

        await clientChannel.SendAsync(PayloadType.Output, "again"u8.ToArray(), CancellationToken.None);
        var second = await clientChannel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);

        Assert.Equal("bye\n", Encoding.ASCII.GetString(second!.Value.Payload.Span));
        Assert.Equal(2, server.Connections);
        clientChannel.CloseFromService();
        Assert.Equal(BasicPortForwardingEnd.ChannelEnded, await agent.WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Agent_ChannelClosed_EndsAndClosesDestination()
    {
        var (_, agentChannel) = PerfectStreamDataChannel.CreatePair();
        var agent = new BasicPortForwardingAgent(agentChannel, DialEchoServerAsync).RunAsync(CancellationToken.None);
        var destination = await _echoConnectionsClosed.Reader.ReadAsync().AsTask().WaitAsync(s_deadline);

        agentChannel.CloseFromService();

        Assert.Equal(BasicPortForwardingEnd.ChannelEnded, await agent.WaitAsync(s_deadline));
        await destination.Task.WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Client_LocalAppCloses_SendsDisconnectToPortFlag()
    {
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        var forwarding = new BasicPortForwardingClient(clientChannel).RunAsync(AcceptLocalAsync, CancellationToken.None);

        using (var app = await ConnectAppAsync())
        {
            await app.GetStream().WriteAsync("abc"u8.ToArray()).AsTask().WaitAsync(s_deadline);
        }

        var data = await agentChannel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);
        var flag = await agentChannel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);
        Assert.Equal((PayloadType.Output, "abc"), (data!.Value.PayloadType, Encoding.ASCII.GetString(data.Value.Payload.Span)));
        Assert.Equal(PayloadType.Flag, flag!.Value.PayloadType);
        Assert.Equal([0, 0, 0, 1], flag.Value.Payload.ToArray());
        agentChannel.CloseFromService();
        await forwarding.WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Client_AgentBytesBeforeAnyConnection_DeliveredToFirstConnection()
    {
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        await agentChannel.SendAsync(PayloadType.Output, "SSH-2.0-banner\r\n"u8.ToArray(), CancellationToken.None);
        var forwarding = new BasicPortForwardingClient(clientChannel).RunAsync(AcceptLocalAsync, CancellationToken.None);

        using var app = await ConnectAppAsync();
        var banner = new byte[16];
        await app.GetStream().ReadExactlyAsync(banner).AsTask().WaitAsync(s_deadline);

        Assert.Equal("SSH-2.0-banner\r\n", Encoding.ASCII.GetString(banner));
        agentChannel.CloseFromService();
        await forwarding.WaitAsync(s_deadline);
    }

    [Fact]
    public void SessionFlagPayload_WrongLength_ThrowsProtocolException()
    {
        Assert.Throws<ProtocolException>(() => SessionFlagPayload.Decode([0, 1]));
        Assert.Equal(SessionFlag.TerminateSession, SessionFlagPayload.Decode([0, 0, 0, 2]));
    }
}
