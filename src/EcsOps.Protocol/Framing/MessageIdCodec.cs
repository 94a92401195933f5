namespace EcsOps.Protocol.Framing;

/// <summary>
/// The MessageId field quirk (fact sheet §3.3): the UUID's RFC 4122 bytes are written as bytes 8..15
/// first, then bytes 0..7 — a Java (leastSigBits, mostSigBits) pair. Readers swap back.
/// </summary>
internal static class MessageIdCodec
{
    public const int Length = 16;

    public static void Write(Guid id, Span<byte> destination)
    {
        Span<byte> rfc = stackalloc byte[Length];
        id.TryWriteBytes(rfc, bigEndian: true, out _);
        rfc[8..].CopyTo(destination);
        rfc[..8].CopyTo(destination[8..]);
    }

    public static Guid Read(ReadOnlySpan<byte> source)
    {
        Span<byte> rfc = stackalloc byte[Length];
        source[8..Length].CopyTo(rfc);
        source[..8].CopyTo(rfc[8..]);
        return new Guid(rfc, bigEndian: true);
    }
}
