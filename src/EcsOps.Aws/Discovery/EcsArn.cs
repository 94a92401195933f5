namespace EcsOps.Aws.Discovery;

/// <summary>Names out of ECS ARNs and fields.</summary>
public static class EcsArn
{
    /// <summary>
    /// The last path part of an ARN: the cluster name of a cluster ARN, the task id of a task ARN (new
    /// <c>task/cluster/id</c> or old <c>task/id</c> form), the service name of a service ARN. Non-ARNs come back as they are.
    /// </summary>
    public static string LastPart(string arnOrName)
    {
        ArgumentNullException.ThrowIfNull(arnOrName);
        if (!arnOrName.StartsWith("arn:", StringComparison.Ordinal))
        {
            return arnOrName;
        }

        var slash = arnOrName.LastIndexOf('/');
        return slash >= 0 ? arnOrName[(slash + 1)..] : arnOrName[(arnOrName.LastIndexOf(':') + 1)..];
    }

    /// <summary>The service name of a task's group (<c>service:web</c> → <c>web</c>); null for stand-alone tasks.</summary>
    public static string? ServiceOfGroup(string? group) =>
        group is not null && group.StartsWith("service:", StringComparison.Ordinal) ? group["service:".Length..] : null;

    /// <summary><c>family:revision</c> of a task definition ARN.</summary>
    public static string? TaskDefinitionName(string? taskDefinitionArn) =>
        taskDefinitionArn is null ? null : LastPart(taskDefinitionArn);
}
