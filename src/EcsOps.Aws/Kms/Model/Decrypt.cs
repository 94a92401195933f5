namespace EcsOps.Aws.Kms.Model;

/// <summary>KMS <c>Decrypt</c> input.</summary>
public sealed record DecryptRequest
{
    public required byte[] CiphertextBlob { get; init; }
    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }
    public IReadOnlyList<string>? GrantTokens { get; init; }

    /// <summary>Optional for symmetric keys; when given it must be the key that encrypted.</summary>
    public string? KeyId { get; init; }

    public string? EncryptionAlgorithm { get; init; }
}

/// <summary>KMS <c>Decrypt</c> output.</summary>
public sealed record DecryptResponse
{
    public string? KeyId { get; init; }
    public byte[]? Plaintext { get; init; }

    /// <summary><c>SYMMETRIC_DEFAULT</c> for symmetric keys.</summary>
    public string? EncryptionAlgorithm { get; init; }
}
