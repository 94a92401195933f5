namespace EcsOps.Protocol.Framing;

/// <summary>The fixed header of one ClientMessage, one property per wire field except the derived digest.</summary>
/// <param name="MessageType">One of <see cref="Framing.MessageType"/>, at most 32 ASCII characters.</param>
/// <param name="SequenceNumber">Per-direction stream sequence; 0 for acks and control messages.</param>
/// <param name="Flags">Bit 0 SYN, bit 1 FIN (fact sheet §3.6); nobody interprets them on receipt.</param>
/// <param name="MessageId">Unique per message; acks refer to it in canonical text form.</param>
/// <param name="CreatedDate">Unix epoch milliseconds; never 0 on a valid message.</param>
public readonly record struct ClientMessageHeader(
    string MessageType,
    long SequenceNumber,
    ulong Flags,
    Guid MessageId,
    PayloadType PayloadType,
    ulong CreatedDate,
    uint SchemaVersion = 1)
{
    public const ulong FlagSyn = 1;
    public const ulong FlagFin = 2;
}
