namespace EcsOps.Aws.Endpoints;

/// <summary>The AWS partition a region belongs to, as ARNs spell it.</summary>
public static class AwsPartition
{
    /// <summary><c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
    public static string Of(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
    }
}
