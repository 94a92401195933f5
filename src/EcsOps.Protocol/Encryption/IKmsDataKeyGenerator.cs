namespace EcsOps.Protocol.Encryption;

/// <summary>
/// The client's half of KMS session encryption: <c>kms:GenerateDataKey</c>. Implemented with the AWS SDK
/// in EcsOps.Aws; this project stays free of it.
/// </summary>
public interface IKmsDataKeyGenerator
{
    /// <summary>
    /// Generates a data key of <paramref name="numberOfBytes"/> bytes under <paramref name="keyId"/>, bound to
    /// <paramref name="encryptionContext"/>.
    /// </summary>
    Task<KmsDataKey> GenerateDataKeyAsync(
        string keyId,
        IReadOnlyDictionary<string, string> encryptionContext,
        int numberOfBytes,
        CancellationToken cancellationToken);
}
