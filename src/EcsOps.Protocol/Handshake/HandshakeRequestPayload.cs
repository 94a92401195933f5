using System.Text.Json;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>HandshakeRequest (PayloadType 5, agent → client, fact sheet §5.2). SessionType comes first.</summary>
public sealed record HandshakeRequestPayload(
    string AgentVersion,
    IReadOnlyList<RequestedClientAction> RequestedClientActions)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.HandshakeRequestPayload);

    /// <exception cref="ProtocolException">Malformed (<see cref="ProtocolError.HandshakeFailed"/>).</exception>
    public static HandshakeRequestPayload Parse(ReadOnlySpan<byte> json) =>
        HandshakeJson.Parse(json, ProtocolJsonContext.Default.HandshakeRequestPayload, "HandshakeRequest");
}
