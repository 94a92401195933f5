namespace EcsOps.Sandbox.Identity;

/// <summary>The principal behind an access key, as sts:GetCallerIdentity reports it.</summary>
/// <param name="AccountId">The account every request of this principal acts in.</param>
/// <param name="Arn">The IAM user or assumed-role session ARN.</param>
/// <param name="UserId">The unique id (<c>AIDA…</c> for users, <c>AROA…:session</c> for role sessions).</param>
/// <param name="AccessKeyId">The key the request was signed with.</param>
/// <param name="SessionName">The RoleSessionName of an assumed role; the user name otherwise.</param>
public sealed record CallerIdentity(string AccountId, string Arn, string UserId, string AccessKeyId, string SessionName)
{
    /// <summary>Placeholder before authentication.</summary>
    public static readonly CallerIdentity Anonymous = new("", "", "", "", "");
}
