using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Protocol.Framing;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>
/// Sockets that misbehave before or after OpenDataChannel: each is refused or closed with the right close
/// code, and the gateway keeps serving other sessions (checked after every case).
/// </summary>
[Collection(SandboxCollection.Name)]
public class GatewayBadInputTests(SandboxFixture sandbox)
{
    private SessionRegistry Sessions => sandbox.Host.Sessions;

    /// <summary>A fresh session still relays between a client and an agent.</summary>
    private async Task AssertGatewayStillServesAsync()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var agent = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Sessions.IssueAgentToken(session.SessionId)!, agent: true);
        await using var client = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);
        var frame = RawDataChannelSocket.StreamData(fromAgent: false, 0, "still here");
        await client.SendAsync(frame);
        Assert.Equal(frame, await agent.ReceiveAsync());
    }

    [Fact]
    public async Task Open_WrongToken_ClosedWithPolicyViolation()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var socket = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitForCloseAsync());
        await AssertGatewayStillServesAsync();
    }

    [Fact]
    public async Task Open_TokenOfAnotherSession_ClosedWithPolicyViolation()
    {
        var mine = await sandbox.StartDevWebSessionAsync();
        var other = await sandbox.StartDevWebSessionAsync();
        await using var socket = await RawDataChannelSocket.OpenAsync(mine.StreamUrl, other.TokenValue);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitForCloseAsync());
        await AssertGatewayStillServesAsync();
    }

    [Fact]
    public async Task Open_ReusedToken_SecondSocketRefusedFirstKeepsWorking()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var agent = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Sessions.IssueAgentToken(session.SessionId)!, agent: true);
        await using var first = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);
        await first.SendAsync(RawDataChannelSocket.StreamData(fromAgent: false, 0, "one"));
        await agent.ReceiveAsync();

        await using var second = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await second.WaitForCloseAsync());
        var frame = RawDataChannelSocket.StreamData(fromAgent: false, 1, "two");
        await first.SendAsync(frame);
        Assert.Equal(frame, await agent.ReceiveAsync());
    }

    [Fact]
    public async Task Open_BinaryFirstFrame_ClosedWithPolicyViolation()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var socket = await RawDataChannelSocket.ConnectAsync(session.StreamUrl);

        await socket.SendAsync(RawDataChannelSocket.StreamData(fromAgent: false, 0, "too early"));

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitForCloseAsync());
        Assert.Equal(SessionState.Connecting, Sessions.Find(session.SessionId)!.State);
        await AssertGatewayStillServesAsync();
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"MessageSchemaVersion\":\"1.0\"}")]
    [InlineData("[1,2,3]")]
    public async Task Open_GarbageTextFrame_ClosedWithPolicyViolation(string text)
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var socket = await RawDataChannelSocket.ConnectAsync(session.StreamUrl);

        await socket.SendTextAsync(text);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitForCloseAsync());
        await AssertGatewayStillServesAsync();
    }

    [Fact]
    public async Task Open_UnknownSession_ClosedWithPolicyViolation()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        var url = session.StreamUrl.Replace(session.SessionId, "sandbox-user-00000000000000000", StringComparison.Ordinal);
        await using var socket = await RawDataChannelSocket.OpenAsync(url, session.TokenValue);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitForCloseAsync());
    }

    [Fact]
    public async Task Relay_OversizedFrame_SocketClosedWithMessageTooBigSessionResumable()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var agent = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Sessions.IssueAgentToken(session.SessionId)!, agent: true);
        await using var client = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);

        await client.SendAsync(RawDataChannelSocket.StreamData(fromAgent: false, 0, new string('x', 70 * 1024)));

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await client.WaitForCloseAsync());
        using var ssm = sandbox.Ssm();
        var resumed = await ssm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = session.SessionId });
        await using var again = await RawDataChannelSocket.OpenAsync(resumed.StreamUrl, resumed.TokenValue);
        var frame = RawDataChannelSocket.StreamData(fromAgent: false, 0, "small");
        await again.SendAsync(frame);
        Assert.Equal(frame, await agent.ReceiveAsync());
    }

    [Fact]
    public async Task Open_PingBeforeOpenDataChannel_AnsweredWithPong()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        var uri = new Uri(session.StreamUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nUser-Agent: Go-http-client/1.1\r\n\r\n"));
        var head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);

        await stream.WriteAsync(MaskedFrame(0x9, "keepalive"u8.ToArray()));
        var pong = await ReadFrameAsync(stream);

        Assert.Equal((0xA, "keepalive"), (pong.Opcode, Encoding.ASCII.GetString(pong.Payload)));

        // Still waiting for OpenDataChannel: a valid one now joins the session.
        var open = new OpenDataChannelRequest("1.0", Guid.NewGuid().ToString(), session.TokenValue, Guid.NewGuid().ToString(), "1.2.677.0");
        await stream.WriteAsync(MaskedFrame(0x1, open.ToJson()));
        await stream.WriteAsync(MaskedFrame(0x2, RawDataChannelSocket.StreamData(fromAgent: false, 0, "x")));
        var pause = await ReadFrameAsync(stream);
        Assert.Equal(MessageType.PausePublication, ClientMessageCodec.Decode(pause.Payload).MessageType);
    }

    private static byte[] MaskedFrame(int opcode, byte[] payload)
    {
        var frame = new List<byte> { (byte)(0x80 | opcode) };
        if (payload.Length < 126)
        {
            frame.Add((byte)(0x80 | payload.Length));
        }
        else
        {
            frame.Add(0x80 | 126);
            frame.Add((byte)(payload.Length >> 8));
            frame.Add((byte)payload.Length);
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        return [.. frame];
    }

    private static async Task<(int Opcode, byte[] Payload)> ReadFrameAsync(NetworkStream stream)
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header, TestDeadline.Token()).AsTask().WithinTestDeadline();
        long length = header[1] & 0x7f;
        if (length == 126)
        {
            var extended = new byte[2];
            await stream.ReadExactlyAsync(extended, TestDeadline.Token());
            length = (extended[0] << 8) | extended[1];
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, TestDeadline.Token());
        return (header[0] & 0x0f, payload);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            await stream.ReadExactlyAsync(one, TestDeadline.Token()).AsTask().WithinTestDeadline();
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }
}
