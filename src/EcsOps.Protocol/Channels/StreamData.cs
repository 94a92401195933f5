using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Channels;

/// <summary>One stream-data message delivered in sequence order. The payload is owned by the receiver.</summary>
public readonly record struct StreamData(PayloadType PayloadType, long SequenceNumber, ReadOnlyMemory<byte> Payload);
