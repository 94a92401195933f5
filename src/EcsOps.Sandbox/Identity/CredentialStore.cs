using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Identity;

/// <summary>
/// Every access key the sandbox accepts: the world's long-term user keys and the temporary credentials that
/// sts:AssumeRole hands out. The access key alone decides the account a request acts in.
/// </summary>
public sealed class CredentialStore
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly ConcurrentDictionary<string, (AwsCredentials Credentials, CallerIdentity Identity)> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public CredentialStore(WorldDefinition world, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(world);
        _timeProvider = timeProvider;
        foreach (var account in world.Accounts)
        {
            var identity = new CallerIdentity(
                account.Id,
                $"arn:aws:iam::{account.Id}:user/{account.UserName}",
                "AIDA" + DeterministicId(account.Id + "/" + account.UserName, 17),
                account.AccessKeyId,
                account.UserName);
            _keys[account.AccessKeyId] = (new AwsCredentials(account.AccessKeyId, account.SecretAccessKey), identity);
        }
    }

    /// <summary>The credentials behind an access key, or null when unknown. Expired temporary keys are still returned
    /// so that verification can say "expired" rather than "unknown".</summary>
    public AwsCredentials? FindCredentials(string accessKeyId) =>
        _keys.TryGetValue(accessKeyId, out var entry) ? entry.Credentials : null;

    /// <summary>The principal behind an access key, or null when unknown.</summary>
    public CallerIdentity? FindIdentity(string accessKeyId) =>
        _keys.TryGetValue(accessKeyId, out var entry) ? entry.Identity : null;

    /// <summary>Issues temporary credentials for a role session (sts:AssumeRole).</summary>
    public (AwsCredentials Credentials, CallerIdentity Identity) IssueRoleSession(
        string accountId, string roleName, string sessionName, TimeSpan duration)
    {
        PruneExpired();
        var accessKeyId = "ASIA" + RandomId(16);
        var credentials = new AwsCredentials(
            accessKeyId,
            RandomSecret(),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            _timeProvider.GetUtcNow() + duration);
        var identity = new CallerIdentity(
            accountId,
            $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}",
            "AROA" + DeterministicId(accountId + "/" + roleName, 17) + ":" + sessionName,
            accessKeyId,
            sessionName);
        _keys[accessKeyId] = (credentials, identity);
        return (credentials, identity);
    }

    /// <summary>Role ids are stable for a role; user ids for a user.</summary>
    internal static string DeterministicId(string seed, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(KeyAlphabet[hash[i] % KeyAlphabet.Length]);
        }

        return builder.ToString();
    }

    private static string RandomId(int length) =>
        string.Create(length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = KeyAlphabet[RandomNumberGenerator.GetInt32(KeyAlphabet.Length)];
            }
        });

    private static string RandomSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    // Temporary keys are kept for a day past expiry so that late requests get ExpiredToken, then dropped.
    private void PruneExpired()
    {
        var cutoff = _timeProvider.GetUtcNow() - TimeSpan.FromDays(1);
        foreach (var (key, entry) in _keys)
        {
            if (entry.Credentials.Expiration is { } expiration && expiration < cutoff)
            {
                _keys.TryRemove(key, out _);
            }
        }
    }
}
