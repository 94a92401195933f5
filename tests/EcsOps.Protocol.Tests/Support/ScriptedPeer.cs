using System.Text;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>
/// The far end of one connection, driven frame by frame by a test: it plays the service and the other
/// data channel, and reads back exactly what the channel under test put on the wire.
/// </summary>
internal sealed class ScriptedPeer
{
    private readonly InMemoryMessageTransport _channelEnd;

    public ScriptedPeer(InMemoryMessageTransport wire, InMemoryMessageTransport channelEnd, string token)
    {
        Wire = wire;
        _channelEnd = channelEnd;
        Token = token;
    }

    /// <summary>The peer's end of the link.</summary>
    public InMemoryMessageTransport Wire { get; }

    public string Token { get; }

    /// <summary>The channel's end of the link, to see how it wrote.</summary>
    public InMemoryMessageTransport ChannelEnd => _channelEnd;

    /// <summary>Reads the first message, which must be the OpenDataChannel TEXT frame.</summary>
    public async Task<OpenDataChannelRequest> ReadOpenAsync()
    {
        var message = await Wire.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline()
            ?? throw new InvalidOperationException("connection closed before OpenDataChannel");
        Assert.Equal(TransportMessageKind.Text, message.Kind);
        return OpenDataChannelRequest.Parse(message.Payload.Span);
    }

    /// <summary>The next binary frame the channel sent, decoded.</summary>
    public async Task<ClientMessage> ReadFrameAsync()
    {
        var message = await Wire.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline()
            ?? throw new InvalidOperationException("connection closed");
        Assert.Equal(TransportMessageKind.Binary, message.Kind);
        return ClientMessageCodec.Decode(message.Payload);
    }

    /// <summary>Reads frames until one matches, returning it; the skipped ones are returned too.</summary>
    public async Task<ClientMessage> ReadUntilAsync(Func<ClientMessage, bool> match, List<ClientMessage>? skipped = null)
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (match(frame))
            {
                return frame;
            }

            skipped?.Add(frame);
        }
    }

    public async Task<AcknowledgeContent> ReadAcknowledgeAsync()
    {
        var frame = await ReadUntilAsync(f => f.MessageType == MessageType.Acknowledge);
        return AcknowledgeContent.Parse(frame.Payload.Span);
    }

    /// <summary>True when a frame is already waiting; does not wait.</summary>
    public bool TryReadPending(out ClientMessage frame)
    {
        if (Wire.TryReceive(out var message))
        {
            frame = ClientMessageCodec.Decode(message.Payload);
            return true;
        }

        frame = default;
        return false;
    }

    /// <summary>Completes once the channel's read loop has handled every frame sent to it so far.</summary>
    public Task WaitUntilHandledAsync() => _channelEnd.WaitForReceiverIdleAsync().WithinTestDeadline();

    public Task SendStreamDataAsync(string messageType, long sequenceNumber, ReadOnlySpan<byte> payload, PayloadType payloadType = PayloadType.Output)
    {
        var header = new ClientMessageHeader(messageType, sequenceNumber, 0, Guid.NewGuid(), payloadType, Now());
        return SendRawAsync(ClientMessageCodec.Encode(header, payload));
    }

    public Task SendStreamDataAsync(string messageType, long sequenceNumber, string text) =>
        SendStreamDataAsync(messageType, sequenceNumber, Encoding.UTF8.GetBytes(text));

    public Task SendAcknowledgeAsync(string acknowledgedType, long sequenceNumber) =>
        SendControlAsync(
            MessageType.Acknowledge,
            new AcknowledgeContent(acknowledgedType, Guid.NewGuid().ToString(), sequenceNumber).ToJson());

    public Task SendControlAsync(string messageType, ReadOnlySpan<byte> payload)
    {
        var header = new ClientMessageHeader(messageType, 0, 3, Guid.NewGuid(), PayloadType.None, Now());
        return SendRawAsync(ClientMessageCodec.Encode(header, payload));
    }

    public Task SendRawAsync(byte[] bytes, TransportMessageKind kind = TransportMessageKind.Binary) =>
        Wire.SendAsync(bytes, kind, CancellationToken.None).AsTask();

    private static ulong Now() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
