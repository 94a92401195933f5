using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// HandshakeResponse (PayloadType 6, client → agent, fact sheet §5.3). The agent decides port mode and
/// smux keepalive on <see cref="ClientVersion"/>.
/// </summary>
public sealed record HandshakeResponsePayload(
    string ClientVersion,
    IReadOnlyList<ProcessedClientAction> ProcessedClientActions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<string>? Errors = null)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.HandshakeResponsePayload);

    /// <exception cref="ProtocolException">Malformed (<see cref="ProtocolError.HandshakeFailed"/>).</exception>
    public static HandshakeResponsePayload Parse(ReadOnlySpan<byte> json) =>
        HandshakeJson.Parse(json, ProtocolJsonContext.Default.HandshakeResponsePayload, "HandshakeResponse");
}
