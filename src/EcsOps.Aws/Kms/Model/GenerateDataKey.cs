namespace EcsOps.Aws.Kms.Model;

/// <summary>
/// KMS <c>GenerateDataKey</c> input: exactly one of <see cref="NumberOfBytes"/> and <see cref="KeySpec"/>.
/// </summary>
public sealed record GenerateDataKeyRequest
{
    /// <summary>Key id, key ARN, alias name (<c>alias/…</c>) or alias ARN.</summary>
    public required string KeyId { get; init; }

    /// <summary>Bound into the ciphertext; Decrypt must present the same pairs.</summary>
    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }

    public int? NumberOfBytes { get; init; }

    /// <summary><c>AES_256</c> or <c>AES_128</c>.</summary>
    public string? KeySpec { get; init; }

    public IReadOnlyList<string>? GrantTokens { get; init; }
}

/// <summary>KMS <c>GenerateDataKey</c> output; blobs are base64 on the wire.</summary>
public sealed record GenerateDataKeyResponse
{
    public byte[]? CiphertextBlob { get; init; }
    public byte[]? Plaintext { get; init; }

    /// <summary>The key ARN.</summary>
    public string? KeyId { get; init; }
}
