namespace EcsOps.Protocol.Encryption;

/// <summary>
/// The agent's half of KMS session encryption: <c>kms:Decrypt</c> of the blob the client generated.
/// </summary>
public interface IKmsDecryptor
{
    /// <summary>Decrypts <paramref name="ciphertextBlob"/>; fails when the encryption context differs.</summary>
    Task<byte[]> DecryptAsync(
        ReadOnlyMemory<byte> ciphertextBlob,
        IReadOnlyDictionary<string, string> encryptionContext,
        CancellationToken cancellationToken);
}
