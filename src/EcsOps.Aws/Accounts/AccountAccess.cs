using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Endpoints;
using EcsOps.Aws.Http;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Accounts;

/// <summary>
/// Credentials for each account: the base credentials in the caller's own account (no role chaining into the
/// account one already works in), an assumed role
/// (<c>arn:…:iam::&lt;account&gt;:role/&lt;roleName&gt;</c>, session named after the operator) everywhere else. Each
/// account's role session is cached and renewed shortly before it expires.
/// </summary>
public sealed class AccountAccess : IDisposable
{
    private readonly IAwsCredentialsProvider _baseCredentials;
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly string _region;
    private readonly TimeSpan _sessionDuration;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, CachingCredentialsProvider> _roleSessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _identityLock = new(1, 1);
    private OperatorIdentity? _identity;

    /// <param name="factory">Builds the STS client (endpoint resolution included).</param>
    /// <param name="baseCredentials">The operator's own credentials (from the standard chain).</param>
    /// <param name="region">The region whose STS endpoint is used.</param>
    /// <param name="sessionDuration">Requested lifetime of role sessions.</param>
    public AccountAccess(AwsClientFactory factory, IAwsCredentialsProvider baseCredentials, string region, TimeSpan sessionDuration)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(baseCredentials);
        _baseCredentials = baseCredentials;
        _region = region;
        _sessionDuration = sessionDuration;
        _timeProvider = factory.TimeProvider;
        _sts = factory.CreateSts(region, baseCredentials);
    }

    /// <summary>The base credentials.</summary>
    public IAwsCredentialsProvider BaseCredentials => _baseCredentials;

    /// <summary>Who the base credentials belong to (STS GetCallerIdentity, asked once).</summary>
    public async Task<OperatorIdentity> GetOperatorAsync(CancellationToken cancellationToken)
    {
        if (_identity is { } known)
        {
            return known;
        }

        await _identityLock.WaitAsync(cancellationToken);
        try
        {
            if (_identity is null)
            {
                var response = await CallStsAsync(() => _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken));
                _identity = new OperatorIdentity(response.Account, response.Arn, response.UserId);
            }

            return _identity;
        }
        finally
        {
            _identityLock.Release();
        }
    }

    /// <summary>Credentials to act in <paramref name="account"/>.</summary>
    /// <exception cref="AccessDeniedException">The role cannot be assumed (raised when credentials are first fetched).</exception>
    /// <exception cref="InvalidOperationException">The account is not the caller's and has no role name.</exception>
    public async Task<IAwsCredentialsProvider> CredentialsForAsync(AwsAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = await GetOperatorAsync(cancellationToken);
        if (account.Id == identity.AccountId)
        {
            return _baseCredentials;
        }

        return account.RoleName is null
            ? throw new InvalidOperationException(
                $"no role to assume in account {account.Name} ({account.Id}); set defaults.roleName or the account's roleName in ecsops.yaml")
            : RoleCredentials(RoleArn(account.Id, account.RoleName), identity.RoleSessionName);
    }

    /// <summary>Cached credentials of a role session; the first use assumes the role.</summary>
    public IAwsCredentialsProvider RoleCredentials(string roleArn, string sessionName) =>
        _roleSessions.GetOrAdd(roleArn + "|" + sessionName, _ => new CachingCredentialsProvider(
            ct => AssumeRoleAsync(roleArn, sessionName, ct), _timeProvider));

    /// <summary>The ARN of role <paramref name="roleName"/> (which may carry a path) in an account.</summary>
    public string RoleArn(string accountId, string roleName) =>
        $"arn:{AwsPartition.Of(_region)}:iam::{accountId}:role/{roleName.Trim('/')}";

    public void Dispose()
    {
        foreach (var session in _roleSessions.Values)
        {
            session.Dispose();
        }

        _sts.Dispose();
        _identityLock.Dispose();
    }

    private async Task<AwsCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken)
    {
        var response = await CallStsAsync(() => _sts.AssumeRoleAsync(
            new AssumeRoleRequest
            {
                RoleArn = roleArn,
                RoleSessionName = sessionName,
                DurationSeconds = (int)_sessionDuration.TotalSeconds,
            },
            cancellationToken));
        var issued = response.Credentials;
        DateTimeOffset? expiration = issued.Expiration is { } expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires, expires.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : expires.Kind))
            : null;
        return new AwsCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken, expiration);
    }

    private static async Task<T> CallStsAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException error)
        {
            throw SdkErrors.Translate(error);
        }
    }
}
