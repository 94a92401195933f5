using System.Security.Cryptography;
using System.Text;
using EcsOps.Protocol.Encryption;

namespace EcsOps.Protocol.Tests.Encryption;

/// <summary>
/// Stands in for AWS KMS: data keys are sealed under a local AES-256 master key with the encryption
/// context as associated data, so decrypting with another context fails as it does in KMS.
/// </summary>
internal sealed class TestKms : IKmsDataKeyGenerator, IKmsDecryptor, IDisposable
{
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly AesGcm _masterKey = new(RandomNumberGenerator.GetBytes(32), TagLength);

    public List<(string KeyId, IReadOnlyDictionary<string, string> Context, int NumberOfBytes)> GenerateCalls { get; } = [];

    public Task<KmsDataKey> GenerateDataKeyAsync(
        string keyId, IReadOnlyDictionary<string, string> encryptionContext, int numberOfBytes, CancellationToken cancellationToken)
    {
        GenerateCalls.Add((keyId, encryptionContext, numberOfBytes));
        var plaintext = RandomNumberGenerator.GetBytes(numberOfBytes);
        var blob = new byte[NonceLength + numberOfBytes + TagLength];
        RandomNumberGenerator.Fill(blob.AsSpan(0, NonceLength));
        _masterKey.Encrypt(
            blob.AsSpan(0, NonceLength), plaintext, blob.AsSpan(NonceLength, numberOfBytes),
            blob.AsSpan(NonceLength + numberOfBytes), Canonical(encryptionContext));
        return Task.FromResult(new KmsDataKey(blob, plaintext));
    }

    public Task<byte[]> DecryptAsync(
        ReadOnlyMemory<byte> ciphertextBlob, IReadOnlyDictionary<string, string> encryptionContext, CancellationToken cancellationToken)
    {
        var blob = ciphertextBlob.Span;
        var length = blob.Length - NonceLength - TagLength;
        if (length < 0)
        {
            throw new InvalidOperationException("InvalidCiphertextException");
        }

        var plaintext = new byte[length];
        try
        {
            _masterKey.Decrypt(
                blob[..NonceLength], blob.Slice(NonceLength, length), blob[(NonceLength + length)..], plaintext,
                Canonical(encryptionContext));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException("InvalidCiphertextException", ex);
        }

        return Task.FromResult(plaintext);
    }

    public void Dispose() => _masterKey.Dispose();

    private static byte[] Canonical(IReadOnlyDictionary<string, string> context) =>
        Encoding.UTF8.GetBytes(string.Join(";", context.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
}
