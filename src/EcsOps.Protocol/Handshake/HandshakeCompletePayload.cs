using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// HandshakeComplete (PayloadType 7, agent → client, fact sheet §5.5). The duration is a Go
/// <c>time.Duration</c>: integer nanoseconds. A non-empty <see cref="CustomerMessage"/> is shown to the user.
/// </summary>
public sealed record HandshakeCompletePayload(long HandshakeTimeToComplete, string? CustomerMessage)
{
    /// <summary>The message the agent sends when the session is KMS-encrypted.</summary>
    public const string EncryptedSessionMessage = "This session is encrypted using AWS KMS.";

    [JsonIgnore]
    public TimeSpan TimeToComplete => TimeSpan.FromTicks(HandshakeTimeToComplete / TimeSpan.NanosecondsPerTick);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.HandshakeCompletePayload);

    /// <exception cref="ProtocolException">Malformed (<see cref="ProtocolError.HandshakeFailed"/>).</exception>
    public static HandshakeCompletePayload Parse(ReadOnlySpan<byte> json) =>
        HandshakeJson.Parse(json, ProtocolJsonContext.Default.HandshakeCompletePayload, "HandshakeComplete");
}
