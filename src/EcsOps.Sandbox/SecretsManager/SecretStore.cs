using System.Security.Cryptography;
using System.Text;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.SecretsManager;

/// <summary>The world's secrets, each with one AWSCURRENT version.</summary>
public sealed class SecretStore
{
    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly List<StoredSecret> _secrets = [];

    public SecretStore(WorldDefinition world, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(world);
        var created = timeProvider.GetUtcNow() - TimeSpan.FromDays(30);
        foreach (var account in world.Accounts)
        {
            foreach (var secret in account.Secrets)
            {
                var region = secret.Region ?? world.Regions[0];
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{account.Id}/{region}/{secret.Name}"));
                var suffix = new string([.. hash.Take(6).Select(b => SuffixAlphabet[b % SuffixAlphabet.Length])]);
                var versionHex = Convert.ToHexStringLower(hash.AsSpan(8, 16));
                _secrets.Add(new StoredSecret(
                    account.Id,
                    region,
                    secret.Name,
                    $"arn:aws:secretsmanager:{region}:{account.Id}:secret:{secret.Name}-{suffix}",
                    $"{versionHex[..8]}-{versionHex[8..12]}-{versionHex[12..16]}-{versionHex[16..20]}-{versionHex[20..]}",
                    secret.Value,
                    secret.BinaryBase64 is null ? null : Convert.FromBase64String(secret.BinaryBase64),
                    created));
            }
        }
    }

    /// <summary>Finds a secret by name, full ARN, or ARN without the random suffix, within one account and region.</summary>
    public StoredSecret? Find(string accountId, string region, string secretId) =>
        _secrets.FirstOrDefault(s => s.AccountId == accountId && s.Region == region
            && (s.Name == secretId || s.Arn == secretId || s.Arn[..^7] == secretId));
}

/// <summary>One secret and its current value.</summary>
public sealed record StoredSecret(
    string AccountId, string Region, string Name, string Arn, string VersionId, string? Value, byte[]? Binary, DateTimeOffset CreatedDate);
