using System.Buffers.Binary;

namespace EcsOps.Protocol.Sessions.Port;

/// <summary>The 4-byte big-endian payload of a PayloadType.Flag message.</summary>
public static class MuxPortFlagPayload
{
    public const int Length = 4;

    public static byte[] Encode(MuxPortFlag flag)
    {
        var payload = new byte[Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)flag);
        return payload;
    }

    /// <summary>
    /// Reads the flag value; false when the payload is not exactly 4 bytes. Unknown values are returned
    /// as they are, for the caller to ignore.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out MuxPortFlag flag)
    {
        flag = default;
        if (payload.Length != Length)
        {
            return false;
        }

        flag = (MuxPortFlag)BinaryPrimitives.ReadUInt32BigEndian(payload);
        return true;
    }
}
