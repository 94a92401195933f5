using System.Net.WebSockets;
using System.Text;
using EcsOps.Protocol.Framing;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// A bare websocket to the gateway, for what a well-behaved DataChannel never does: wrong tokens, binary
/// first frames, oversized frames, and for reading exactly what the gateway sends.
/// </summary>
public sealed class RawDataChannelSocket : IAsyncDisposable
{
    private RawDataChannelSocket(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<RawDataChannelSocket> ConnectAsync(string streamUrl, IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        await socket.ConnectAsync(new Uri(streamUrl), TestDeadline.Token()).WithinTestDeadline();
        return new RawDataChannelSocket(socket);
    }

    /// <summary>Connects and sends OpenDataChannel with <paramref name="token"/> (as an agent when <paramref name="agent"/>).</summary>
    public static async Task<RawDataChannelSocket> OpenAsync(
        string streamUrl, string token, bool agent = false, IReadOnlyDictionary<string, string>? headers = null)
    {
        var raw = await ConnectAsync(streamUrl, headers);
        var open = new OpenDataChannelRequest("1.0", Guid.NewGuid().ToString(), token, Guid.NewGuid().ToString(),
            agent ? null : "1.2.764.0", agent ? "ecs:raw-agent" : null);
        await raw.SendAsync(open.ToJson(), WebSocketMessageType.Text);
        return raw;
    }

    public Task SendAsync(byte[] message, WebSocketMessageType type = WebSocketMessageType.Binary) =>
        Socket.SendAsync(message, type, endOfMessage: true, TestDeadline.Token()).WithinTestDeadline();

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>The next data message, or null when the gateway closed the socket.</summary>
    public async Task<byte[]?> ReceiveAsync()
    {
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, TestDeadline.Token()).WithinTestDeadline();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    /// <summary>The next message decoded as a ClientMessage (digest checked).</summary>
    public async Task<ClientMessage> ReceiveMessageAsync() =>
        ClientMessageCodec.Decode(await ReceiveAsync() ?? throw new InvalidOperationException(
            $"the gateway closed the socket: {Socket.CloseStatus} {Socket.CloseStatusDescription}"));

    /// <summary>Reads until the gateway's close frame; returns its status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        try
        {
            while (await ReceiveAsync() is not null)
            {
            }
        }
        catch (WebSocketException)
        {
            // Aborted instead of closed: no status.
        }

        return Socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open || Socket.State == WebSocketState.CloseReceived)
        {
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, TestDeadline.Token());
            }
            catch (WebSocketException)
            {
            }
        }

        Socket.Dispose();
    }

    /// <summary>An input_stream_data (client) or output_stream_data (agent) frame with a correct digest.</summary>
    public static byte[] StreamData(bool fromAgent, long sequenceNumber, string text) =>
        ClientMessageCodec.Encode(
            new ClientMessageHeader(fromAgent ? MessageType.OutputStreamData : MessageType.InputStreamData, sequenceNumber,
                fromAgent && sequenceNumber == 0 ? ClientMessageHeader.FlagSyn : 0, Guid.NewGuid(), PayloadType.Output,
                (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            Encoding.UTF8.GetBytes(text));

    /// <summary>A control frame (channel_closed, agent_session_state, …) with <paramref name="json"/> as payload.</summary>
    public static byte[] Control(string messageType, string json) =>
        ClientMessageCodec.Encode(
            new ClientMessageHeader(messageType, 0, 3, Guid.NewGuid(), PayloadType.None, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            Encoding.UTF8.GetBytes(json));
}
