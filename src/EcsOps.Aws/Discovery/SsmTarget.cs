namespace EcsOps.Aws.Discovery;

/// <summary>
/// The Session Manager target of an ECS container, <c>ecs:&lt;cluster&gt;_&lt;taskId&gt;_&lt;runtimeId&gt;</c>, as
/// <c>ssm start-session --target</c> and port forwarding documents expect it.
/// </summary>
/// <param name="ClusterName">The cluster name (not its ARN).</param>
/// <param name="TaskId">The task id (the last part of the task ARN).</param>
/// <param name="RuntimeId">The container's runtime id from DescribeTasks.</param>
public readonly record struct SsmTarget(string ClusterName, string TaskId, string RuntimeId)
{
    /// <summary>The target string.</summary>
    public override string ToString() => $"ecs:{ClusterName}_{TaskId}_{RuntimeId}";
}
