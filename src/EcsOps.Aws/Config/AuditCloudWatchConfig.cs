namespace EcsOps.Aws.Config;

/// <summary><c>audit.cloudwatch</c>: the CloudWatch Logs group that receives every audit event.</summary>
/// <param name="LogGroup">The group, e.g. <c>/ecsops/audit</c>; created when missing.</param>
public sealed record AuditCloudWatchConfig(string LogGroup)
{
    /// <summary>The group's region; the home region when null.</summary>
    public string? Region { get; init; }

    /// <summary>The group's account (name or id from <c>accounts</c>); your own account when null.</summary>
    public string? Account { get; init; }
}
