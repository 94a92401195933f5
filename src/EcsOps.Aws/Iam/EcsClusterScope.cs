using System.Text.RegularExpressions;

namespace EcsOps.Aws.Iam;

/// <summary>Clusters a policy is scoped to: one ARN, or a pattern (<c>*</c> for region, account or cluster name).</summary>
public sealed partial record EcsClusterScope(string Partition, string Region, string Account, string Cluster)
{
    public string ClusterArn => $"arn:{Partition}:ecs:{Region}:{Account}:cluster/{Cluster}";

    public string TaskArns => $"arn:{Partition}:ecs:{Region}:{Account}:task/{Cluster}/*";

    public string ServiceArns => $"arn:{Partition}:ecs:{Region}:{Account}:service/{Cluster}/*";

    public string TaskDefinitionArns => $"arn:{Partition}:ecs:{Region}:{Account}:task-definition/*";

    /// <summary>True when the ARN names no single cluster (conditions then use ArnLike).</summary>
    public bool IsPattern => Region == "*" || Account == "*" || Cluster.Contains('*', StringComparison.Ordinal);

    /// <exception cref="FormatException">Not an ECS cluster ARN.</exception>
    public static EcsClusterScope Parse(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var match = ClusterArnPattern().Match(arn);
        return match.Success
            ? new EcsClusterScope(match.Groups["partition"].Value, match.Groups["region"].Value, match.Groups["account"].Value, match.Groups["cluster"].Value)
            : throw new FormatException($"'{arn}' is not an ECS cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)");
    }

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):ecs:(?<region>[a-z0-9-]+|\*):(?<account>[0-9]{12}|\*):cluster/(?<cluster>[A-Za-z0-9_*-]{1,255})$")]
    private static partial Regex ClusterArnPattern();
}
