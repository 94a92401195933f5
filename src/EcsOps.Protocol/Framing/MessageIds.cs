using System.Security.Cryptography;

namespace EcsOps.Protocol.Framing;

/// <summary>
/// Random (version 4) UUIDs for the MessageId of every frame, as the plugin and the agent use. Guid.NewGuid asks
/// the kernel for 16 random bytes on every call, one system call per message and per ack; this draws the same kind of
/// cryptographically random bytes in blocks per thread instead.
/// </summary>
internal static class MessageIds
{
    private const int IdsPerBlock = 256;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A new random RFC 4122 version 4 UUID.</summary>
    public static Guid NewId()
    {
        var block = t_block ??= new byte[IdsPerBlock * MessageIdCodec.Length];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(block);
        }

        var bytes = block.AsSpan(t_next * MessageIdCodec.Length, MessageIdCodec.Length);
        t_next = (t_next + 1) % IdsPerBlock;

        // Version 4 in the high nibble of byte 6, the RFC 4122 variant (10xx) in byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
