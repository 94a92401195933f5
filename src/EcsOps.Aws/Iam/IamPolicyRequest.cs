using EcsOps.Aws.Config;
using EcsOps.Aws.Endpoints;

namespace EcsOps.Aws.Iam;

/// <summary>Everything a policy is scoped by. <see cref="FromConfig"/> fills it from ecsops.yaml and command-line choices.</summary>
public sealed record IamPolicyRequest
{
    public required IamPolicyKind Kind { get; init; }

    public string Partition { get; init; } = "aws";

    /// <summary>The clusters (or cluster patterns) commands may reach; never empty.</summary>
    public required IReadOnlyList<EcsClusterScope> Clusters { get; init; }

    /// <summary>Roles EcsOps assumes (<c>arn:…:iam::ACCOUNT:role/NAME</c> patterns).</summary>
    public IReadOnlyList<string> AssumedRoles { get; init; } = [];

    /// <summary>True when accounts come from AWS Organizations (organizations:ListAccounts).</summary>
    public bool ListsOrganizationAccounts { get; init; }

    /// <summary>KMS keys that encrypt exec sessions; any key of the scoped accounts (with an SSM encryption context) when empty.</summary>
    public IReadOnlyList<string> SessionKmsKeys { get; init; } = [];

    /// <summary>The audit group's ARN without a suffix (<c>arn:…:logs:R:A:log-group:NAME</c>); null when not configured.</summary>
    public string? AuditLogGroupArn { get; init; }

    /// <summary>The transcripts' bucket and prefix; null when not configured.</summary>
    public (string Bucket, string Prefix)? Transcripts { get; init; }

    /// <summary>The SSE-KMS key of the transcripts, when set.</summary>
    public string? TranscriptsKmsKey { get; init; }

    /// <summary>Where runbooks keep backups (<c>--backups s3://bucket/prefix/</c>).</summary>
    public (string Bucket, string Prefix)? Backups { get; init; }

    /// <summary>The log group ECS Exec writes session logs to (task role).</summary>
    public string? ExecLogGroup { get; init; }

    public IReadOnlyList<RunbookPermissions> Runbooks { get; init; } = [];

    /// <summary>
    /// The Secrets Manager secrets <c>db backup/restore --secret</c> read a connection from: full ARNs (patterns allowed),
    /// or names, which are looked up in every scoped account and region as <c>--secret NAME</c> is.
    /// </summary>
    public IReadOnlyList<string> DatabaseSecrets { get; init; } = [];

    /// <summary>Customer managed KMS keys those secrets are encrypted with (the AWS managed key needs no permission).</summary>
    public IReadOnlyList<string> DatabaseSecretKeys { get; init; } = [];

    /// <summary>A request scoped by the config: clusters given, else every listed account × region, else any.</summary>
    public static IamPolicyRequest FromConfig(
        EcsOpsConfig config,
        IamPolicyKind kind,
        IReadOnlyList<string> clusterArns,
        IReadOnlyList<string> kmsKeys,
        IReadOnlyList<RunbookPermissions> runbooks,
        string? backups,
        string? execLogGroup)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(clusterArns);
        var regions = config.Defaults.Regions.Concat(config.Accounts.Static.SelectMany(a => a.Regions ?? [])).Distinct().ToList();
        var partition = AwsPartition.Of(regions.FirstOrDefault() ?? "us-east-1");
        var clusters = clusterArns.Count > 0
            ? clusterArns.Select(EcsClusterScope.Parse).ToList()
            : DefaultClusters(config, partition);
        var roleNames = config.Accounts.Static.Select(a => a.RoleName).Append(config.Defaults.RoleName).Append(config.Accounts.Organizations?.RoleName)
            .OfType<string>().Distinct().ToList();
        var accountIds = config.Accounts.Static.Count > 0 ? config.Accounts.Static.Select(a => a.Id).ToList() : ["*"];
        var assumed = roleNames.SelectMany(role => accountIds.Select(id => $"arn:{partition}:iam::{id}:role/{role.Trim('/')}"))
            .Concat(config.Accounts.Organizations?.RoleArn is { } orgRole ? [orgRole] : [])
            .Distinct().ToList();
        var audit = config.Audit;
        return new IamPolicyRequest
        {
            Kind = kind,
            Partition = partition,
            Clusters = clusters,
            AssumedRoles = assumed,
            ListsOrganizationAccounts = config.Accounts.Organizations is not null,
            SessionKmsKeys = kmsKeys,
            AuditLogGroupArn = audit.CloudWatch is { } cloudWatch
                ? $"arn:{partition}:logs:{cloudWatch.Region ?? regions.FirstOrDefault() ?? "*"}:{AccountIdOf(config, cloudWatch.Account)}:log-group:{cloudWatch.LogGroup}"
                : null,
            Transcripts = audit.Transcripts is { } transcripts ? (transcripts.Bucket, transcripts.Prefix) : null,
            TranscriptsKmsKey = audit.Transcripts?.KmsKeyId,
            Backups = backups is null ? null : ParseS3Prefix(backups),
            ExecLogGroup = execLogGroup,
            Runbooks = runbooks,
        };
    }

    /// <summary>Bucket and prefix of <c>s3://bucket/prefix/</c>.</summary>
    /// <exception cref="FormatException">Not an s3:// location.</exception>
    public static (string Bucket, string Prefix) ParseS3Prefix(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string scheme = "s3://";
        if (!uri.StartsWith(scheme, StringComparison.Ordinal) || uri.Length == scheme.Length)
        {
            throw new FormatException($"'{uri}' is not an s3://bucket/prefix/ location");
        }

        var rest = uri[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
    }

    private static List<EcsClusterScope> DefaultClusters(EcsOpsConfig config, string partition)
    {
        if (config.Accounts.Static.Count == 0)
        {
            var regions = config.Defaults.Regions.Count > 0 ? config.Defaults.Regions : ["*"];
            return regions.Select(region => new EcsClusterScope(partition, region, "*", "*")).ToList();
        }

        return config.Accounts.Static
            .SelectMany(account => (account.Regions ?? (config.Defaults.Regions.Count > 0 ? config.Defaults.Regions : ["*"]))
                .Select(region => new EcsClusterScope(partition, region, account.Id, "*")))
            .Distinct()
            .ToList();
    }

    private static string AccountIdOf(EcsOpsConfig config, string? account) =>
        account is null ? "*" : config.Accounts.Static.FirstOrDefault(a => a.Name == account || a.Id == account)?.Id ?? (account.All(char.IsAsciiDigit) ? account : "*");
}
