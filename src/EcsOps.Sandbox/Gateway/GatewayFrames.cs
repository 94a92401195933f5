using System.Buffers.Binary;
using System.Globalization;
using EcsOps.Protocol.Framing;

namespace EcsOps.Sandbox.Gateway;

/// <summary>
/// The frames the gateway writes itself (channel_closed, start_publication, pause_publication, fact sheet
/// §3.4, §6.3) and the one look it takes at relayed frames: their MessageType, read from the header
/// without checking the digest (the peers do that; the service relays bytes as they are).
/// </summary>
internal static class GatewayFrames
{
    private const int HeaderLengthOffset = 0;
    private const int MessageTypeOffset = 4;

    /// <summary>Control messages carry SYN|FIN, as acks do (fact sheet §3.6).</summary>
    private const ulong ControlFlags = ClientMessageHeader.FlagSyn | ClientMessageHeader.FlagFin;

    /// <summary>
    /// channel_closed with HeaderLength 116 and a correct digest, payload JSON per §6.3.
    /// <paramref name="destinationId"/> is the session's target.
    /// </summary>
    public static byte[] ChannelClosed(string sessionId, string destinationId, string output, DateTimeOffset now)
    {
        var messageId = Guid.NewGuid();
        var content = new ChannelClosedContent(
            messageId.ToString(),
            now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            destinationId,
            sessionId,
            MessageType.ChannelClosed,
            1,
            output);
        var header = new ClientMessageHeader(MessageType.ChannelClosed, 0, ControlFlags, messageId, PayloadType.None, CreatedDate(now));
        return ClientMessageCodec.Encode(header, content.ToJson());
    }

    /// <summary>start_publication: the peer is back, resume sending.</summary>
    public static byte[] StartPublication(DateTimeOffset now) => Publication(MessageType.StartPublication, now);

    /// <summary>pause_publication: the peer is away, stop sending.</summary>
    public static byte[] PausePublication(DateTimeOffset now) => Publication(MessageType.PausePublication, now);

    /// <summary>Classifies a relayed frame by its MessageType field.</summary>
    public static RelayedMessageKind Classify(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < ClientMessageCodec.ShortHeaderLength + 4)
        {
            return RelayedMessageKind.Invalid;
        }

        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(frame[HeaderLengthOffset..]);
        if (headerLength is not (ClientMessageCodec.HeaderLength or ClientMessageCodec.ShortHeaderLength)
            || frame.Length < headerLength + 4)
        {
            return RelayedMessageKind.Invalid;
        }

        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(frame[(int)headerLength..]);
        if (payloadLength > (uint)(frame.Length - (int)headerLength - 4))
        {
            return RelayedMessageKind.Invalid;
        }

        var type = frame.Slice(MessageTypeOffset, ClientMessageCodec.MessageTypeLength).TrimEnd((byte)' ').TrimEnd((byte)0).TrimEnd((byte)' ');
        if (type.IsEmpty)
        {
            return RelayedMessageKind.Invalid;
        }

        if (type.SequenceEqual("input_stream_data"u8) || type.SequenceEqual("output_stream_data"u8))
        {
            return RelayedMessageKind.StreamData;
        }

        if (type.SequenceEqual("acknowledge"u8))
        {
            return RelayedMessageKind.Acknowledge;
        }

        if (type.SequenceEqual("agent_session_state"u8))
        {
            return RelayedMessageKind.AgentSessionState;
        }

        return type.SequenceEqual("channel_closed"u8) || type.SequenceEqual("start_publication"u8) || type.SequenceEqual("pause_publication"u8)
            ? RelayedMessageKind.ServiceOnly
            : RelayedMessageKind.Other;
    }

    private static byte[] Publication(string messageType, DateTimeOffset now)
    {
        var header = new ClientMessageHeader(messageType, 0, ControlFlags, Guid.NewGuid(), PayloadType.None, CreatedDate(now));
        return ClientMessageCodec.Encode(header, ReadOnlySpan<byte>.Empty);
    }

    private static ulong CreatedDate(DateTimeOffset now) => (ulong)now.ToUnixTimeMilliseconds();
}
