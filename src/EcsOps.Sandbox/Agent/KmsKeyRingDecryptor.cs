using EcsOps.Protocol.Encryption;
using EcsOps.Sandbox.Kms;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// kms:Decrypt for the agent, straight from the sandbox's key ring, as the session's owner account would
/// call it: the key must belong to that account and the encryption context must match.
/// </summary>
internal sealed class KmsKeyRingDecryptor(KmsKeyRing keys, string accountId) : IKmsDecryptor
{
    public Task<byte[]> DecryptAsync(
        ReadOnlyMemory<byte> ciphertextBlob, IReadOnlyDictionary<string, string> encryptionContext, CancellationToken cancellationToken)
    {
        var arn = KmsKeyRing.KeyArnOf(ciphertextBlob.Span)
            ?? throw new InvalidOperationException("InvalidCiphertextException: the ciphertext is invalid");
        var key = keys.FindByArn(arn);
        if (key is null || key.AccountId != accountId || !key.Enabled)
        {
            throw new InvalidOperationException($"AccessDeniedException: the agent may not use {arn}");
        }

        var plaintext = KmsKeyRing.Decrypt(key, ciphertextBlob.Span, encryptionContext)
            ?? throw new InvalidOperationException("InvalidCiphertextException: the ciphertext or its encryption context is invalid");
        return Task.FromResult(plaintext);
    }
}
