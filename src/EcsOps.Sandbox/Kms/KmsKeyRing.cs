using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Kms;

/// <summary>
/// The world's symmetric KMS keys and the sandbox's ciphertext format. Key material is derived from the key
/// ARN, so ciphertexts stay decryptable across sandbox restarts; this is a stand-in, not a vault.
/// </summary>
/// <remarks>
/// Ciphertext layout (all of it opaque to clients, as KMS ciphertext blobs are):
/// <code>
/// +---------+------------------+-------------+-----------+----------+------------+
/// | version | key ARN length   | key ARN     | nonce     | tag      | ciphertext |
/// | 1 byte  | 2 bytes, BE      | UTF-8       | 12 bytes  | 16 bytes | n bytes    |
/// +---------+------------------+-------------+-----------+----------+------------+
/// </code>
/// AES-256-GCM, with the encryption context (sorted pairs, length-prefixed) as associated data, so Decrypt
/// succeeds only with the same context.
/// </remarks>
public sealed class KmsKeyRing
{
    private const byte Version = 1;
    private const int VersionLength = 1;
    private const int ArnLengthLength = 2;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] s_materialSalt = "ecsops-sandbox-kms-v1"u8.ToArray();

    private readonly List<KmsKey> _keys = [];

    public KmsKeyRing(WorldDefinition world)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var account in world.Accounts)
        {
            foreach (var key in account.KmsKeys)
            {
                var region = key.Region ?? world.Regions[0];
                var arn = $"arn:aws:kms:{region}:{account.Id}:key/{key.Id}";
                var aliasArn = key.Alias is null ? null : $"arn:aws:kms:{region}:{account.Id}:{key.Alias}";
                _keys.Add(new KmsKey(arn, account.Id, region, key.Id, key.Alias, aliasArn, key.Enabled));
            }
        }
    }

    /// <summary>Resolves a key id, key ARN, alias name or alias ARN within one account and region.</summary>
    public KmsKey? Find(string accountId, string region, string keyId) =>
        _keys.FirstOrDefault(k => k.AccountId == accountId && k.Region == region
            && (k.Arn == keyId || k.KeyId == keyId || (k.Alias is not null && (k.Alias == keyId || k.AliasArn == keyId))));

    /// <summary>Finds a key by ARN in any account (ciphertexts name their key).</summary>
    public KmsKey? FindByArn(string arn) => _keys.FirstOrDefault(k => k.Arn == arn);

    public static byte[] Encrypt(KmsKey key, ReadOnlySpan<byte> plaintext, IReadOnlyDictionary<string, string>? context)
    {
        ArgumentNullException.ThrowIfNull(key);
        var arn = Encoding.UTF8.GetBytes(key.Arn);
        var headerLength = VersionLength + ArnLengthLength + arn.Length;
        var blob = new byte[headerLength + NonceLength + TagLength + plaintext.Length];
        blob[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(blob.AsSpan(VersionLength), (ushort)arn.Length);
        arn.CopyTo(blob.AsSpan(VersionLength + ArnLengthLength));
        var nonce = blob.AsSpan(headerLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Material(key), TagLength);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(headerLength + NonceLength + TagLength), blob.AsSpan(headerLength + NonceLength, TagLength),
            AssociatedData(context));
        return blob;
    }

    /// <summary>Reads the key ARN out of a ciphertext; null when the blob is not one of ours.</summary>
    public static string? KeyArnOf(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < VersionLength + ArnLengthLength || blob[0] != Version)
        {
            return null;
        }

        var arnLength = BinaryPrimitives.ReadUInt16BigEndian(blob[VersionLength..]);
        return blob.Length < VersionLength + ArnLengthLength + arnLength + NonceLength + TagLength
            ? null
            : Encoding.UTF8.GetString(blob.Slice(VersionLength + ArnLengthLength, arnLength));
    }

    /// <summary>Decrypts; null when the blob was altered or the encryption context differs.</summary>
    public static byte[]? Decrypt(KmsKey key, ReadOnlySpan<byte> blob, IReadOnlyDictionary<string, string>? context)
    {
        ArgumentNullException.ThrowIfNull(key);
        var headerLength = VersionLength + ArnLengthLength + BinaryPrimitives.ReadUInt16BigEndian(blob[VersionLength..]);
        var nonce = blob.Slice(headerLength, NonceLength);
        var tag = blob.Slice(headerLength + NonceLength, TagLength);
        var ciphertext = blob[(headerLength + NonceLength + TagLength)..];
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(Material(key), TagLength);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] Material(KmsKey key) => HMACSHA256.HashData(s_materialSalt, Encoding.UTF8.GetBytes(key.Arn));

    private static byte[] AssociatedData(IReadOnlyDictionary<string, string>? context)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var (name, value) in (context ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var part in new[] { name, value })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
                buffer.Write(length);
                buffer.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>A symmetric key of one account and region.</summary>
public sealed record KmsKey(string Arn, string AccountId, string Region, string KeyId, string? Alias, string? AliasArn, bool Enabled);
