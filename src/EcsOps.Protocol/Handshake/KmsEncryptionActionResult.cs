using System.Text.Json.Serialization;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// Result of the KMSEncryption action: the KMS ciphertext blob of the 64-byte data key (base64 on the
/// wire). The hash is always null, written explicitly as the plugin does.
/// </summary>
public sealed record KmsEncryptionActionResult(
    [property: JsonPropertyName("KMSCipherTextKey")] byte[] KmsCipherTextKey,
    [property: JsonPropertyName("KMSCipherTextHash"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] byte[]? KmsCipherTextHash = null);
