using System.Text.Json;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Framing;

/// <summary>
/// The first (TEXT) websocket frame on every (re)connect (fact sheet §2.2). Clients send ClientVersion;
/// agents send ClientInstanceId instead. The token is the only authentication the gateway sees.
/// </summary>
public sealed record OpenDataChannelRequest(
    string MessageSchemaVersion,
    string RequestId,
    string TokenValue,
    string? ClientId = null,
    string? ClientVersion = null,
    string? ClientInstanceId = null)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.OpenDataChannelRequest);

    public static OpenDataChannelRequest Parse(ReadOnlySpan<byte> json) =>
        ProtocolJson.Deserialize(json, ProtocolJsonContext.Default.OpenDataChannelRequest, "OpenDataChannel");
}
