using System.Text.Json.Serialization;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// Parameters of the KMSEncryption action. <see cref="Challenge"/> is base64 of 16 random bytes; only
/// newer agents use it (ChallengeAcknowledgement), so it is carried but not interpreted.
/// </summary>
public sealed record KmsEncryptionActionParameters(
    [property: JsonPropertyName("KMSKeyId")] string KmsKeyId,
    string? Challenge);
