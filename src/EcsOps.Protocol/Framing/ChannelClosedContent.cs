using System.Text.Json;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Framing;

/// <summary>Payload of <c>channel_closed</c>, sent by the service when the session ends (fact sheet §6.3).</summary>
public sealed record ChannelClosedContent(
    string MessageId,
    string CreatedDate,
    string DestinationId,
    string SessionId,
    string MessageType,
    int SchemaVersion,
    string Output)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.ChannelClosedContent);

    public static ChannelClosedContent Parse(ReadOnlySpan<byte> json) =>
        ProtocolJson.Deserialize(json, ProtocolJsonContext.Default.ChannelClosedContent, "channel_closed");
}
