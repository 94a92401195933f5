namespace EcsOps.Protocol.Framing;

/// <summary>A decoded ClientMessage. <see cref="Payload"/> is a slice of the decoded buffer, not a copy.</summary>
public readonly record struct ClientMessage(ClientMessageHeader Header, ReadOnlyMemory<byte> Payload)
{
    public string MessageType => Header.MessageType;

    public long SequenceNumber => Header.SequenceNumber;

    public PayloadType PayloadType => Header.PayloadType;
}
