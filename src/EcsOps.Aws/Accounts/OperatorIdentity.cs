using System.Text;

namespace EcsOps.Aws.Accounts;

/// <summary>Who is running EcsOps, as STS GetCallerIdentity reports the base credentials.</summary>
/// <param name="AccountId">The account the base credentials belong to.</param>
/// <param name="Arn">The IAM user, assumed-role session or federated user ARN.</param>
/// <param name="UserId">The unique id (<c>AIDA…</c>, <c>AROA…:session</c>).</param>
public sealed record OperatorIdentity(string AccountId, string Arn, string UserId)
{
    /// <summary>STS's limits on RoleSessionName.</summary>
    public const int MinSessionNameLength = 2;

    /// <inheritdoc cref="MinSessionNameLength"/>
    public const int MaxSessionNameLength = 64;

    /// <summary>
    /// The operator's own name: the last part of the ARN (the user name, or the session name of an assumed role,
    /// which for IAM Identity Center is the user's login, e.g. <c>alice@example.com</c>).
    /// </summary>
    public string Name => Arn[(Arn.LastIndexOf('/') + 1)..] is { Length: > 0 } name ? name : UserId;

    /// <summary>
    /// The RoleSessionName EcsOps uses when assuming roles: <c>ecsops-&lt;operator&gt;</c>, reduced to the characters STS
    /// allows (<c>[\w+=,.@-]</c>) and 64 characters, so CloudTrail in the target account shows who acted.
    /// </summary>
    public string RoleSessionName => ToSessionName("ecsops-" + Name);

    /// <summary>Makes any text a valid RoleSessionName.</summary>
    public static string ToSessionName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, MaxSessionNameLength));
        foreach (var c in text)
        {
            if (builder.Length == MaxSessionNameLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c, StringComparison.Ordinal) ? c : '-');
        }

        while (builder.Length < MinSessionNameLength)
        {
            builder.Append('-');
        }

        return builder.ToString();
    }
}
