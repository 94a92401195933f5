namespace EcsOps.Sandbox.Ecs;

/// <summary>The long ARN formats of ECS resources, and reading names and ids back out of ARNs.</summary>
public static class EcsArns
{
    public static string Cluster(EcsScope scope, string cluster) =>
        $"arn:aws:ecs:{scope.Region}:{scope.AccountId}:cluster/{cluster}";

    public static string Service(EcsScope scope, string cluster, string service) =>
        $"arn:aws:ecs:{scope.Region}:{scope.AccountId}:service/{cluster}/{service}";

    public static string Task(EcsScope scope, string cluster, string taskId) =>
        $"arn:aws:ecs:{scope.Region}:{scope.AccountId}:task/{cluster}/{taskId}";

    public static string Container(EcsScope scope, string cluster, string taskId, string containerId) =>
        $"arn:aws:ecs:{scope.Region}:{scope.AccountId}:container/{cluster}/{taskId}/{containerId}";

    public static string TaskDefinition(EcsScope scope, string family, int revision) =>
        $"arn:aws:ecs:{scope.Region}:{scope.AccountId}:task-definition/{family}:{revision}";

    /// <summary>
    /// The last path element of an ECS ARN of <paramref name="resourceType"/> in <paramref name="scope"/>
    /// (<c>cluster/name</c> → name, <c>task/cluster/id</c> → id), the input itself when it is not an ARN,
    /// or null when it is an ARN of another type, account or region.
    /// </summary>
    public static string? NameFrom(string nameOrArn, string resourceType, EcsScope scope)
    {
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        var parts = nameOrArn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "ecs" || parts[3] != scope.Region || parts[4] != scope.AccountId)
        {
            return null;
        }

        var resource = parts[5];
        return resource.StartsWith(resourceType + "/", StringComparison.Ordinal) ? resource[(resource.LastIndexOf('/') + 1)..] : null;
    }
}

/// <summary>The account and region a request acts in; ECS resources never cross it.</summary>
public sealed record EcsScope(string AccountId, string Region);
