using System.Text.Json;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// EncChallengeRequest (PayloadType 8, agent → client, fact sheet §5.4): 64 random bytes sealed with the
/// agent→client key, base64 on the wire.
/// </summary>
public sealed record EncryptionChallengeRequestPayload(byte[] Challenge)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.EncryptionChallengeRequestPayload);

    /// <exception cref="ProtocolException">Malformed (<see cref="ProtocolError.HandshakeFailed"/>).</exception>
    public static EncryptionChallengeRequestPayload Parse(ReadOnlySpan<byte> json) =>
        HandshakeJson.Parse(json, ProtocolJsonContext.Default.EncryptionChallengeRequestPayload, "EncChallengeRequest");
}
