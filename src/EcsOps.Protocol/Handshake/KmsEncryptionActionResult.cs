using System.Text.Json.Serialization;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// Result of the KMSEncryption action: the KMS ciphertext blob of the 64-byte data key (base64 on the
/// wire). The hash is always null, written explicitly as the plugin does.
/// </summary>
/// <remarks>
/// The hash is typed as a (base64) string, not <c>byte[]</c>: the source-generated writer turns a null
/// <c>byte[]</c> into <c>""</c> instead of <c>null</c>.
/// </remarks>
public sealed record KmsEncryptionActionResult(
    [property: JsonPropertyName("KMSCipherTextKey")] byte[] KmsCipherTextKey,
    [property: JsonPropertyName("KMSCipherTextHash"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? KmsCipherTextHash = null);
