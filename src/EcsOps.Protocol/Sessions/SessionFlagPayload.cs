using System.Buffers.Binary;

namespace EcsOps.Protocol.Sessions;

/// <summary>A Flag payload is exactly one big-endian uint32.</summary>
public static class SessionFlagPayload
{
    public const int Length = 4;

    public static byte[] Encode(SessionFlag flag)
    {
        var payload = new byte[Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)flag);
        return payload;
    }

    /// <summary>The flag value; unknown values are returned as they are, for the caller to ignore.</summary>
    /// <exception cref="ProtocolException">The payload is not 4 bytes.</exception>
    public static SessionFlag Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length != Length)
        {
            throw new ProtocolException(ProtocolError.BadPayload, $"Flag payload is {payload.Length} bytes; expected {Length}");
        }

        return (SessionFlag)BinaryPrimitives.ReadUInt32BigEndian(payload);
    }

    /// <summary>
    /// Reads the flag value; false when the payload is not exactly 4 bytes. Unknown values are returned
    /// as they are, for the caller to ignore.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out SessionFlag flag)
    {
        flag = default;
        if (payload.Length != Length)
        {
            return false;
        }

        flag = (SessionFlag)BinaryPrimitives.ReadUInt32BigEndian(payload);
        return true;
    }
}
