using System.Buffers.Binary;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Tests.Support;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Channels;

/// <summary><see cref="WebSocketMessageTransport"/> and <see cref="WebSocketConnector"/> over real loopback websockets.</summary>
public sealed class WebSocketTransportTests : IDisposable
{
    private const string StreamPath = "/v1/data-channel/session-1?role=publish_subscribe";
    private readonly LoopbackWebSocketServer _server = new();

    public void Dispose() => _server.Dispose();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>One client-to-server websocket frame, masked as RFC 6455 requires of clients.</summary>
    private static byte[] MaskedFrame(byte opcode, byte[] payload)
    {
        var header = payload.Length < 126 ? 2 : 4;
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (payload.Length < 126)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        mask.CopyTo(frame, header);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        return frame;
    }

    private async Task<(WebSocketMessageTransport Client, WebSocketMessageTransport Server, AcceptedWebSocket Accepted)> ConnectPairAsync(
        int serverMaxMessageSize = WebSocketMessageTransport.DefaultMaxMessageSize, ClientWebSocket? client = null)
    {
        client ??= new ClientWebSocket();
        var connecting = client.ConnectAsync(_server.Url(StreamPath), TestDeadline.Token());
        var accepted = await _server.AcceptAsync().WithinTestDeadline();
        await connecting.WithinTestDeadline();
        return (new WebSocketMessageTransport(client), new WebSocketMessageTransport(accepted.Socket, serverMaxMessageSize), accepted);
    }

    [Fact]
    public async Task Receive_PingArrivesBeforeOpenDataChannel_PongSentAndTextFrameDelivered()
    {
        var acceptTask = _server.AcceptAsync();
        var (client, stream) = await _server.ConnectRawAsync(StreamPath).WithinTestDeadline();
        using var _ = client;
        using var accepted = await acceptTask.WithinTestDeadline();
        await using var server = new WebSocketMessageTransport(accepted.Socket);
        var open = new OpenDataChannelRequest("1.0", Guid.NewGuid().ToString(), "token-1", "client-1", "1.2.764.0").ToJson();

        // What the plugin's keepalive goroutine sometimes does: a ping ahead of the first TEXT frame.
        await stream.WriteAsync(MaskedFrame(0x9, Bytes("keepalive")));
        await stream.WriteAsync(MaskedFrame(0x1, open));
        var first = await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal(TransportMessageKind.Text, first!.Value.Kind);
        Assert.Equal("token-1", OpenDataChannelRequest.Parse(first.Value.Payload.Span).TokenValue);
        var pong = new byte[2 + "keepalive".Length];
        await stream.ReadExactlyAsync(pong, TestDeadline.Token()).AsTask().WithinTestDeadline();
        Assert.Equal(0x8A, pong[0]);
        Assert.Equal("keepalive", Encoding.ASCII.GetString(pong, 2, pong.Length - 2));
    }

    [Fact]
    public async Task Receive_FragmentedBinaryMessages_WholeMessagesAsIndependentCopies()
    {
        var socket = new ClientWebSocket();
        var (client, server, accepted) = await ConnectPairAsync(client: socket);
        using var _ = accepted;
        await using var __ = client;

        await socket.SendAsync(Bytes("first "), WebSocketMessageType.Binary, endOfMessage: false, TestDeadline.Token());
        await socket.SendAsync(Bytes("message"), WebSocketMessageType.Binary, endOfMessage: true, TestDeadline.Token());
        await client.SendAsync(Bytes("second"), TransportMessageKind.Binary, TestDeadline.Token());
        var first = await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
        var second = await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal("first message", Encoding.UTF8.GetString(first!.Value.Payload.Span));
        Assert.Equal(TransportMessageKind.Binary, first.Value.Kind);
        Assert.Equal("second", Encoding.UTF8.GetString(second!.Value.Payload.Span));
    }

    [Fact]
    public async Task SendMany_OverTheCoalescingDialer_EveryMessageArrivesWholeAndInOrder()
    {
        var socket = new ClientWebSocket();
        var connecting = CoalescingWebSocketDialer.ConnectAsync(socket, _server.Url(StreamPath), TestDeadline.Token());
        using var accepted = await _server.AcceptAsync().WithinTestDeadline();
        var connection = await connecting.WithinTestDeadline();
        await using var client = new WebSocketMessageTransport(socket, connection: connection);
        await using var server = new WebSocketMessageTransport(accepted.Socket);
        var messages = Enumerable.Range(0, 40).Select(i => Bytes($"message {i} " + new string('x', i * 50))).ToArray();

        await client.SendManyAsync(messages[..1], TransportMessageKind.Binary, TestDeadline.Token());
        await client.SendManyAsync(messages[1..], TransportMessageKind.Binary, TestDeadline.Token());
        await client.SendAsync(Bytes("single"), TransportMessageKind.Text, TestDeadline.Token());

        foreach (var expected in messages)
        {
            var received = await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
            Assert.Equal(TransportMessageKind.Binary, received!.Value.Kind);
            Assert.Equal(expected, received.Value.Payload.ToArray());
        }

        var last = await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
        Assert.Equal(TransportMessageKind.Text, last!.Value.Kind);
        Assert.Equal("single", Encoding.UTF8.GetString(last.Value.Payload.Span));
    }

    [Fact]
    public async Task Receive_OversizedMessage_ThrowsProtocolExceptionAndConnectionStaysUsable()
    {
        var (client, server, accepted) = await ConnectPairAsync(serverMaxMessageSize: 1024);
        using var _ = accepted;
        await using var __ = client;

        await client.SendAsync(new byte[5000], TransportMessageKind.Binary, TestDeadline.Token());
        await client.SendAsync(Bytes("after"), TransportMessageKind.Binary, TestDeadline.Token());

        var error = await Assert.ThrowsAsync<ProtocolException>(() => server.ReceiveAsync(TestDeadline.Token()).AsTask());
        Assert.Equal(ProtocolError.Oversized, error.Error);
        var next = await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
        Assert.Equal("after", Encoding.UTF8.GetString(next!.Value.Payload.Span));
    }

    [Fact]
    public async Task Receive_PeerClosesInOrder_ReturnsNull()
    {
        var (client, server, accepted) = await ConnectPairAsync();
        using var _ = accepted;
        await using var __ = client;

        await client.CloseAsync(TestDeadline.Token());

        Assert.Null(await server.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline());
    }

    [Fact]
    public async Task Receive_PeerVanishes_ThrowsTransportException()
    {
        var (client, server, accepted) = await ConnectPairAsync();
        await using var _ = server;
        await using var __ = client;

        // The server side's TCP connection drops without a close frame.
        var receive = client.ReceiveAsync(TestDeadline.Token()).AsTask();
        accepted.Client.Client.Shutdown(SocketShutdown.Both);
        accepted.Dispose();

        await Assert.ThrowsAsync<TransportException>(() => receive).WithinTestDeadline();
        await Assert.ThrowsAsync<TransportException>(
            () => client.SendAsync(Bytes("x"), TransportMessageKind.Binary, TestDeadline.Token()).AsTask());
    }

    [Fact]
    public async Task Connector_DataChannelOverLoopback_OpenFrameHeadersAckAndResumeAfterServerClose()
    {
        var resumes = new List<bool>();
        var connector = new WebSocketConnector((resume, _) =>
        {
            resumes.Add(resume);
            var headers = new Dictionary<string, string> { ["Authorization"] = $"AWS4-HMAC-SHA256 attempt={resumes.Count}" };
            return ValueTask.FromResult(new DataChannelEndpoint(_server.Url(StreamPath), $"token-{resumes.Count}", headers));
        });
        await using var channel = new DataChannel(DataChannelRole.Client, connector, DataChannelOptions.Default);

        var opening = channel.OpenAsync(TestDeadline.Token());
        using var firstSocket = await _server.AcceptAsync().WithinTestDeadline();
        await using var first = new WebSocketMessageTransport(firstSocket.Socket);
        await opening.WithinTestDeadline();
        var open = await first.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
        await first.SendAsync(
            ClientMessageCodec.Encode(new ClientMessageHeader(MessageType.OutputStreamData, 0, 1, Guid.NewGuid(), PayloadType.Output, 1), Bytes("hello")),
            TransportMessageKind.Binary,
            TestDeadline.Token());
        var delivered = await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
        var ack = ClientMessageCodec.Decode((await first.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload);
        await channel.SendAsync(PayloadType.Output, Bytes("hi"), TestDeadline.Token());
        var data = ClientMessageCodec.Decode((await first.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload);

        Assert.Equal(StreamPath, firstSocket.PathAndQuery);
        Assert.Equal("AWS4-HMAC-SHA256 attempt=1", firstSocket.Headers["Authorization"]);
        Assert.Equal(TransportMessageKind.Text, open!.Value.Kind);
        Assert.Equal("token-1", OpenDataChannelRequest.Parse(open.Value.Payload.Span).TokenValue);
        Assert.Equal("hello", Encoding.UTF8.GetString(delivered!.Value.Payload.Span));
        Assert.Equal(MessageType.Acknowledge, ack.MessageType);
        Assert.Equal((MessageType.InputStreamData, 0L), (data.MessageType, data.SequenceNumber));

        // The service's hourly close (1000, no channel_closed): ResumeSession, re-dial, resend "hi".
        await first.CloseAsync(TestDeadline.Token());
        using var secondSocket = await _server.AcceptAsync().WithinTestDeadline();
        await using var second = new WebSocketMessageTransport(secondSocket.Socket);
        var reopen = await second.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();
        var resent = ClientMessageCodec.Decode((await second.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload);

        Assert.Equal([false, true], resumes);
        Assert.Equal("AWS4-HMAC-SHA256 attempt=2", secondSocket.Headers["Authorization"]);
        Assert.Equal("token-2", OpenDataChannelRequest.Parse(reopen!.Value.Payload.Span).TokenValue);
        Assert.Equal((0L, "hi"), (resent.SequenceNumber, Encoding.UTF8.GetString(resent.Payload.Span)));
    }

    [Fact]
    public async Task Connector_PeerStopsAnsweringPings_KeepAliveFailsSocketAndChannelResumes()
    {
        var resumes = new List<bool>();
        var connector = new WebSocketConnector(
            (resume, _) =>
            {
                resumes.Add(resume);
                return ValueTask.FromResult(new DataChannelEndpoint(_server.Url(StreamPath), $"token-{resumes.Count}"));
            },
            new WebSocketConnectorOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(100), KeepAliveTimeout = TimeSpan.FromMilliseconds(300) });
        await using var channel = new DataChannel(DataChannelRole.Client, connector, DataChannelOptions.Default);

        var opening = channel.OpenAsync(TestDeadline.Token());
        // Accepted but never read again: pings go unanswered, as on a silently dead path.
        using var silent = await _server.AcceptAsync().WithinTestDeadline();
        await opening.WithinTestDeadline();
        using var next = await _server.AcceptAsync().WithinTestDeadline();

        Assert.Equal([false, true], resumes);
    }

    [Theory]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    public async Task Connector_UpgradeRefused_TransientOnlyForRetryableStatus(int status, bool transient)
    {
        var connector = new WebSocketConnector((_, _) => ValueTask.FromResult(new DataChannelEndpoint(_server.Url(StreamPath), "t")));

        var connecting = connector.ConnectAsync(resume: false, TestDeadline.Token());
        await _server.RefuseAsync(status).WithinTestDeadline();

        var error = await Assert.ThrowsAsync<TransportException>(() => connecting).WithinTestDeadline();
        Assert.Equal(transient, error.IsTransient);
    }
}
