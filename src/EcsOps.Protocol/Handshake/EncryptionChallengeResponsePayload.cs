using System.Text.Json;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// EncChallengeResponse (PayloadType 9, client → agent): the challenge's plaintext re-sealed with the
/// client→agent key, proving the client holds both halves of the data key.
/// </summary>
public sealed record EncryptionChallengeResponsePayload(byte[] Challenge)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.EncryptionChallengeResponsePayload);

    /// <exception cref="ProtocolException">Malformed (<see cref="ProtocolError.HandshakeFailed"/>).</exception>
    public static EncryptionChallengeResponsePayload Parse(ReadOnlySpan<byte> json) =>
        HandshakeJson.Parse(json, ProtocolJsonContext.Default.EncryptionChallengeResponsePayload, "EncChallengeResponse");
}
