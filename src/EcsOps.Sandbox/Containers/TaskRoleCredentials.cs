using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Identity;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// Task-role credentials the way ECS hands them to containers: each task with a role gets a credentials id and an
/// authorization token (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN), and
/// <c>GET /v2/credentials/&lt;id&gt;</c> answers with temporary credentials of an assumed-role session named after the
/// task, issued by the <see cref="CredentialStore"/> so that they pass SigV4 verification and act in the task's account.
/// </summary>
public sealed class TaskRoleCredentials(CredentialStore credentials, TimeProvider timeProvider)
{
    /// <summary>How long issued credentials live; ECS's are good for about six hours.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    /// <summary>The path prefix of the credentials endpoint.</summary>
    public const string PathPrefix = "/v2/credentials/";

    // Credentials are reused until this close to expiry, as the ECS agent refreshes them ahead of time.
    private static readonly TimeSpan s_refreshAhead = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    /// <summary>Registers a task's role; the grant's id and token go into the task's containers' environment.</summary>
    public TaskRoleGrant Register(string accountId, string roleArn, string taskId)
    {
        var id = Guid.NewGuid().ToString();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _grants[id] = new Grant(accountId, roleArn, taskId, Encoding.UTF8.GetBytes(token));
        return new TaskRoleGrant(id, token);
    }

    /// <summary>Forgets a grant (the task stopped); its id answers "not found" from then on.</summary>
    public void Revoke(string id) => _grants.TryRemove(id, out _);

    /// <summary>Checks the token and returns the role's credentials.</summary>
    public TaskRoleLookup Lookup(string id, string? authorizationToken)
    {
        if (!_grants.TryGetValue(id, out var grant))
        {
            return new TaskRoleLookup(TaskRoleLookupResult.UnknownId, null, null);
        }

        if (authorizationToken is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorizationToken), grant.Token))
        {
            return new TaskRoleLookup(TaskRoleLookupResult.WrongToken, null, null);
        }

        lock (grant)
        {
            if (grant.Current is not { Expiration: { } expiration } current || expiration - timeProvider.GetUtcNow() < s_refreshAhead)
            {
                var roleName = grant.RoleArn[(grant.RoleArn.LastIndexOf('/') + 1)..];
                (current, _) = credentials.IssueRoleSession(grant.AccountId, roleName, grant.TaskId, Lifetime);
                grant.Current = current;
            }

            return new TaskRoleLookup(TaskRoleLookupResult.Issued, current, grant.RoleArn);
        }
    }

    private sealed class Grant(string accountId, string roleArn, string taskId, byte[] token)
    {
        public string AccountId { get; } = accountId;
        public string RoleArn { get; } = roleArn;
        public string TaskId { get; } = taskId;
        public byte[] Token { get; } = token;
        public AwsCredentials? Current { get; set; }
    }
}

/// <summary>A task's entry at the credentials endpoint.</summary>
/// <param name="Id">The last path segment of <c>/v2/credentials/&lt;id&gt;</c>.</param>
/// <param name="AuthorizationToken">The Authorization header value the endpoint requires.</param>
public sealed record TaskRoleGrant(string Id, string AuthorizationToken)
{
    public string RelativeUri => TaskRoleCredentials.PathPrefix + Id;
}

/// <summary>What a credentials request found.</summary>
public enum TaskRoleLookupResult
{
    Issued,
    UnknownId,
    WrongToken,
}

/// <summary>The outcome of <see cref="TaskRoleCredentials.Lookup"/>; credentials and role only when issued.</summary>
public sealed record TaskRoleLookup(TaskRoleLookupResult Result, AwsCredentials? Credentials, string? RoleArn);
