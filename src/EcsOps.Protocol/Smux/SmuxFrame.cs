using System.Buffers;
using System.Buffers.Binary;

namespace EcsOps.Protocol.Smux;

/// <summary>
/// Wire format of smux v1 frames (fact sheet §7.3). Unlike the ClientMessage around it, smux integers are
/// LITTLE-endian.
/// <code>
///  0         1         2                   4                                       8
///  +---------+---------+-------------------+---------------------------------------+------------+
///  | ver (1) | cmd     | length (uint16 LE)| stream id (uint32 LE)                 | data ...   |
///  +---------+---------+-------------------+---------------------------------------+------------+
/// </code>
/// </summary>
public static class SmuxFrame
{
    public const byte Version1 = 1;
    public const int HeaderLength = 8;

    /// <summary>The largest payload the 16-bit length field can announce.</summary>
    public const int MaxPayloadLength = ushort.MaxValue;

    private const int VersionOffset = 0;
    private const int CommandOffset = 1;
    private const int LengthOffset = 2;
    private const int StreamIdOffset = 4;

    /// <summary>Writes the 8 header bytes into <paramref name="destination"/>.</summary>
    public static void WriteHeader(in SmuxFrameHeader header, Span<byte> destination)
    {
        if (destination.Length < HeaderLength)
        {
            throw new ArgumentException("destination too small", nameof(destination));
        }

        destination[VersionOffset] = header.Version;
        destination[CommandOffset] = (byte)header.Command;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[LengthOffset..], header.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[StreamIdOffset..], header.StreamId);
    }

    /// <summary>Encodes a whole frame into a new array (tests, tools).</summary>
    public static byte[] Encode(in SmuxFrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != header.Length)
        {
            throw new ArgumentException("payload length differs from the header's Length", nameof(payload));
        }

        var frame = new byte[HeaderLength + payload.Length];
        WriteHeader(header, frame);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>
    /// Parses and validates a header. Returns false when fewer than 8 bytes are given; throws
    /// <see cref="ProtocolException"/> (<see cref="ProtocolError.BadSmuxFrame"/>) for an unknown version or
    /// command, or a payload on a command that has none.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> source, out SmuxFrameHeader header)
    {
        header = default;
        if (source.Length < HeaderLength)
        {
            return false;
        }

        var version = source[VersionOffset];
        if (version != Version1)
        {
            throw new ProtocolException(ProtocolError.BadSmuxFrame, $"smux version {version} is not supported");
        }

        var command = (SmuxCommand)source[CommandOffset];
        var length = BinaryPrimitives.ReadUInt16LittleEndian(source[LengthOffset..]);
        switch (command)
        {
            case SmuxCommand.Psh:
                break;
            case SmuxCommand.Syn or SmuxCommand.Fin or SmuxCommand.Nop when length != 0:
                throw new ProtocolException(ProtocolError.BadSmuxFrame, $"smux {command} carries {length} payload bytes");
            case SmuxCommand.Syn or SmuxCommand.Fin or SmuxCommand.Nop:
                break;
            default:
                // Includes v2's UPD (4): we never negotiate v2, so a window update is a protocol violation.
                throw new ProtocolException(ProtocolError.BadSmuxFrame, $"smux command {(byte)command} is unknown");
        }

        header = new SmuxFrameHeader(version, command, length, BinaryPrimitives.ReadUInt32LittleEndian(source[StreamIdOffset..]));
        return true;
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false (leaving the buffer
    /// as it was) when more bytes are needed; the header is validated as soon as its 8 bytes are present,
    /// before waiting for the payload. The payload is a slice of the buffer, not a copy.
    /// </summary>
    public static bool TryReadFrame(
        ref ReadOnlySequence<byte> buffer,
        out SmuxFrameHeader header,
        out ReadOnlySequence<byte> payload)
    {
        payload = default;
        header = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> headerBytes = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(headerBytes);
        TryReadHeader(headerBytes, out var parsed);
        if (buffer.Length < HeaderLength + parsed.Length)
        {
            return false;
        }

        header = parsed;
        payload = buffer.Slice(HeaderLength, parsed.Length);
        buffer = buffer.Slice(HeaderLength + parsed.Length);
        return true;
    }
}
