using EcsOps.Aws.Http;
using EcsOps.Aws.Kms.Model;
using EcsOps.Protocol.Encryption;

namespace EcsOps.Aws.Kms;

/// <summary>
/// The client's <c>kms:GenerateDataKey</c> for KMS-encrypted sessions (ECS Exec with a cluster <c>kmsKeyId</c>, or
/// Session Manager preferences with one), over our <see cref="KmsClient"/> with the session owner's credentials. A key
/// named by ARN is asked for in the ARN's region; a key id or alias in the session's region.
/// </summary>
public sealed class KmsDataKeyGenerator : IKmsDataKeyGenerator
{
    private readonly Func<string, KmsClient> _clientForRegion;
    private readonly string _sessionRegion;

    /// <param name="clientForRegion">A KMS client for a region, with the session owner's credentials.</param>
    /// <param name="sessionRegion">The region of the session, for keys not named by ARN.</param>
    public KmsDataKeyGenerator(Func<string, KmsClient> clientForRegion, string sessionRegion)
    {
        ArgumentNullException.ThrowIfNull(clientForRegion);
        ArgumentException.ThrowIfNullOrEmpty(sessionRegion);
        _clientForRegion = clientForRegion;
        _sessionRegion = sessionRegion;
    }

    public async Task<KmsDataKey> GenerateDataKeyAsync(
        string keyId, IReadOnlyDictionary<string, string> encryptionContext, int numberOfBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var kms = _clientForRegion(RegionOf(keyId) ?? _sessionRegion);
        var response = await kms.GenerateDataKeyAsync(
            new GenerateDataKeyRequest { KeyId = keyId, EncryptionContext = encryptionContext, NumberOfBytes = numberOfBytes },
            cancellationToken);
        if (response.CiphertextBlob is not { Length: > 0 } ciphertext || response.Plaintext is not { Length: > 0 } plaintext)
        {
            throw new InvalidResponseException("KMS GenerateDataKey answered without CiphertextBlob and Plaintext");
        }

        return new KmsDataKey(ciphertext, plaintext);
    }

    /// <summary>The region of a key or alias ARN (<c>arn:aws:kms:REGION:ACCOUNT:key/…</c>); null for ids and alias names.</summary>
    public static string? RegionOf(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (!keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = keyId.Split(':');
        return parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null;
    }
}
