using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Sandbox.Ecs;

/// <summary>
/// The ECS resources of one account in one region. Plain data: only touched under <see cref="EcsStore"/>'s
/// lock, through <see cref="EcsStore.Read{T}"/> and <see cref="EcsStore.Write{T}"/>. Models are immutable
/// records; a change replaces the record.
/// </summary>
public sealed class EcsRegionState(EcsScope scope)
{
    public EcsScope Scope { get; } = scope;

    /// <summary>Clusters by name, in name order.</summary>
    public SortedDictionary<string, ClusterState> Clusters { get; } = new(StringComparer.Ordinal);

    /// <summary>Task definitions by family, then revision.</summary>
    public Dictionary<string, SortedDictionary<int, TaskDefinition>> TaskDefinitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Resolves <c>family</c> (latest active revision), <c>family:revision</c> or a task definition ARN.</summary>
    public TaskDefinition? FindTaskDefinition(string reference)
    {
        var familyRevision = reference;
        if (reference.StartsWith("arn:", StringComparison.Ordinal))
        {
            var marker = $"arn:aws:ecs:{Scope.Region}:{Scope.AccountId}:task-definition/";
            if (!reference.StartsWith(marker, StringComparison.Ordinal))
            {
                return null;
            }

            familyRevision = reference[marker.Length..];
        }

        var colon = familyRevision.LastIndexOf(':');
        var family = colon < 0 ? familyRevision : familyRevision[..colon];
        if (!TaskDefinitions.TryGetValue(family, out var revisions) || revisions.Count == 0)
        {
            return null;
        }

        if (colon < 0)
        {
            return revisions.Values.LastOrDefault(d => d.Status == EcsStatus.Active);
        }

        return int.TryParse(familyRevision.AsSpan(colon + 1), out var revision) && revisions.TryGetValue(revision, out var definition)
            ? definition
            : null;
    }

    /// <summary>Finds a task by id or ARN in any cluster of this region.</summary>
    public (ClusterState Cluster, EcsTask Task)? FindTask(string idOrArn)
    {
        var id = EcsArns.NameFrom(idOrArn, "task", Scope);
        if (id is null)
        {
            return null;
        }

        foreach (var cluster in Clusters.Values)
        {
            if (cluster.Tasks.TryGetValue(id, out var task))
            {
                return (cluster, task);
            }
        }

        return null;
    }
}

/// <summary>One cluster with its services and tasks.</summary>
public sealed class ClusterState(Cluster model)
{
    public Cluster Model { get; set; } = model;

    /// <summary>Services by name, in name order.</summary>
    public SortedDictionary<string, Service> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Tasks by task id (running and stopped).</summary>
    public Dictionary<string, EcsTask> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>The SSM agent version of tasks whose world entry sets one, by task id (the agent reports it in handshakes).</summary>
    public Dictionary<string, string> AgentVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>The cluster as DescribeClusters reports it, with live counts.</summary>
    public Cluster Snapshot() => Model with
    {
        RunningTasksCount = Tasks.Values.Count(t => t.LastStatus == EcsStatus.Running),
        PendingTasksCount = Tasks.Values.Count(t => t.LastStatus is EcsStatus.Provisioning or EcsStatus.Pending or EcsStatus.Activating),
        ActiveServicesCount = Services.Values.Count(s => s.Status == EcsStatus.Active),
    };

    /// <summary>The service as DescribeServices reports it, with live task counts.</summary>
    public Service Snapshot(Service service)
    {
        var group = "service:" + service.ServiceName;
        var running = Tasks.Values.Count(t => t.Group == group && t.LastStatus == EcsStatus.Running);
        var pending = Tasks.Values.Count(t => t.Group == group && t.LastStatus is EcsStatus.Provisioning or EcsStatus.Pending or EcsStatus.Activating);
        return service with
        {
            RunningCount = running,
            PendingCount = pending,
            Deployments = service.Deployments?.Select(d => d with { RunningCount = running, PendingCount = pending }).ToList(),
        };
    }
}
