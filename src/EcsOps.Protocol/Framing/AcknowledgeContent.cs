using System.Text.Json;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Framing;

/// <summary>
/// Payload of an <c>acknowledge</c> message (fact sheet §4.1), written in the plugin's key order.
/// Receivers match on the sequence number only; id and type are informational.
/// </summary>
public sealed record AcknowledgeContent(
    string AcknowledgedMessageType,
    string AcknowledgedMessageId,
    long AcknowledgedMessageSequenceNumber,
    bool IsSequentialMessage = true)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.AcknowledgeContent);

    public static AcknowledgeContent Parse(ReadOnlySpan<byte> json) =>
        ProtocolJson.Deserialize(json, ProtocolJsonContext.Default.AcknowledgeContent, "acknowledge");
}
