using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Protocol.Framing;

/// <summary>
/// Binary framing of one ClientMessage (fact sheet §3). All integers big-endian.
/// <code>
///  0                   4                                  36        40            48            56        64
///  +-------------------+----------------------------------+---------+-------------+-------------+---------+
///  | HeaderLength (116)| MessageType (32, space-padded)   | Schema  | CreatedDate | SequenceNum | Flags   |
///  +-------------------+----------------------------------+---------+-------------+-------------+---------+
///  64                 80                                112           116            120
///  +------------------+----------------------------------+-------------+--------------+-------------+
///  | MessageId (16,   | PayloadDigest (32, SHA-256)       | PayloadType | PayloadLength| Payload ... |
///  |  halves swapped) |                                   |             |              |             |
///  +------------------+----------------------------------+-------------+--------------+-------------+
/// </code>
/// We always write HeaderLength 116. We read 116, and 112 (service-generated channel_closed is reported
/// to omit PayloadType); PayloadLength always sits at offset HeaderLength.
/// </summary>
public static class ClientMessageCodec
{
    public const int HeaderLength = 116;
    public const int ShortHeaderLength = 112;
    public const int FrameOverhead = HeaderLength + 4;
    public const int MessageTypeLength = 32;
    public const int DigestLength = 32;

    /// <summary>Payload size the service expects per stream message (fact sheet §4.5).</summary>
    public const int StreamPayloadSize = 1024;

    /// <summary>Default upper bound for a received payload; larger frames are refused before hashing.</summary>
    public const int DefaultMaxPayloadLength = 64 * 1024;

    private const int HeaderLengthOffset = 0;
    private const int MessageTypeOffset = 4;
    private const int SchemaVersionOffset = 36;
    private const int CreatedDateOffset = 40;
    private const int SequenceNumberOffset = 48;
    private const int FlagsOffset = 56;
    private const int MessageIdOffset = 64;
    private const int PayloadDigestOffset = 80;
    private const int PayloadTypeOffset = 112;

    public static int GetEncodedLength(int payloadLength) => FrameOverhead + payloadLength;

    /// <summary>Writes header and payload into <paramref name="destination"/>; returns bytes written.</summary>
    public static int Encode(in ClientMessageHeader header, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var length = GetEncodedLength(payload.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small", nameof(destination));
        }

        if (header.MessageType.Length is 0 or > MessageTypeLength || !Ascii.IsValid(header.MessageType))
        {
            throw new ArgumentException("message type must be 1..32 ASCII characters", nameof(header));
        }

        var frame = destination[..length];
        BinaryPrimitives.WriteUInt32BigEndian(frame[HeaderLengthOffset..], HeaderLength);
        var typeField = frame.Slice(MessageTypeOffset, MessageTypeLength);
        typeField.Fill((byte)' ');
        Encoding.ASCII.GetBytes(header.MessageType, typeField);
        BinaryPrimitives.WriteUInt32BigEndian(frame[SchemaVersionOffset..], header.SchemaVersion);
        BinaryPrimitives.WriteUInt64BigEndian(frame[CreatedDateOffset..], header.CreatedDate);
        BinaryPrimitives.WriteInt64BigEndian(frame[SequenceNumberOffset..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt64BigEndian(frame[FlagsOffset..], header.Flags);
        MessageIdCodec.Write(header.MessageId, frame[MessageIdOffset..]);
        SHA256.HashData(payload, frame.Slice(PayloadDigestOffset, DigestLength));
        BinaryPrimitives.WriteUInt32BigEndian(frame[PayloadTypeOffset..], (uint)header.PayloadType);
        BinaryPrimitives.WriteUInt32BigEndian(frame[HeaderLength..], (uint)payload.Length);
        payload.CopyTo(frame[FrameOverhead..]);
        return length;
    }

    /// <summary>Encodes into a new array (tests, control messages).</summary>
    public static byte[] Encode(in ClientMessageHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[GetEncodedLength(payload.Length)];
        Encode(header, payload, frame);
        return frame;
    }

    /// <summary>
    /// Decodes one whole frame (one websocket message). The payload is a slice of <paramref name="frame"/>.
    /// Throws only <see cref="ProtocolException"/>.
    /// </summary>
    public static ClientMessage Decode(ReadOnlyMemory<byte> frame, int maxPayloadLength = DefaultMaxPayloadLength)
    {
        if (!TryDecode(frame, out var message, out var consumed, maxPayloadLength))
        {
            throw new ProtocolException(ProtocolError.Truncated, $"frame of {frame.Length} bytes is truncated");
        }

        if (consumed != frame.Length)
        {
            throw new ProtocolException(
                ProtocolError.BadPayload,
                $"frame has {frame.Length - consumed} bytes after the declared payload");
        }

        return message;
    }

    /// <summary>
    /// Decodes one frame from the start of <paramref name="buffer"/>. Returns false when more bytes are
    /// needed; throws <see cref="ProtocolException"/> as soon as the bytes cannot be a valid frame,
    /// including a declared payload larger than <paramref name="maxPayloadLength"/>, before waiting for it.
    /// </summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> buffer,
        out ClientMessage message,
        out int consumed,
        int maxPayloadLength = DefaultMaxPayloadLength)
    {
        message = default;
        consumed = 0;
        var span = buffer.Span;
        if (span.Length < 4)
        {
            return false;
        }

        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (headerLength is not (HeaderLength or ShortHeaderLength))
        {
            throw new ProtocolException(ProtocolError.BadHeaderLength, $"header length {headerLength} is not 112 or 116");
        }

        var payloadStart = (int)headerLength + 4;
        if (span.Length < payloadStart)
        {
            return false;
        }

        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(span[(int)headerLength..]);
        if (payloadLength > (uint)maxPayloadLength)
        {
            throw new ProtocolException(
                ProtocolError.Oversized,
                $"payload of {payloadLength} bytes exceeds the limit of {maxPayloadLength}");
        }

        if (span.Length - payloadStart < (int)payloadLength)
        {
            return false;
        }

        var messageType = MessageType.Parse(span.Slice(MessageTypeOffset, MessageTypeLength));
        var createdDate = BinaryPrimitives.ReadUInt64BigEndian(span[CreatedDateOffset..]);
        var publication = MessageType.IsPublication(messageType);
        if (createdDate == 0 && !publication)
        {
            throw new ProtocolException(ProtocolError.BadCreatedDate, $"{messageType} has CreatedDate 0");
        }

        var payload = buffer.Slice(payloadStart, (int)payloadLength);
        if (!publication && payloadLength != 0 && !DigestMatches(span.Slice(PayloadDigestOffset, DigestLength), payload.Span))
        {
            throw new ProtocolException(ProtocolError.DigestMismatch, $"{messageType} payload digest does not match");
        }

        var payloadType = headerLength >= HeaderLength
            ? (PayloadType)BinaryPrimitives.ReadUInt32BigEndian(span[PayloadTypeOffset..])
            : PayloadType.None;

        var header = new ClientMessageHeader(
            messageType,
            BinaryPrimitives.ReadInt64BigEndian(span[SequenceNumberOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(span[FlagsOffset..]),
            MessageIdCodec.Read(span[MessageIdOffset..]),
            payloadType,
            createdDate,
            BinaryPrimitives.ReadUInt32BigEndian(span[SchemaVersionOffset..]));
        message = new ClientMessage(header, payload);
        consumed = payloadStart + (int)payloadLength;
        return true;
    }

    private static bool DigestMatches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> payload)
    {
        Span<byte> actual = stackalloc byte[DigestLength];
        SHA256.HashData(payload, actual);
        return actual.SequenceEqual(expected);
    }
}
