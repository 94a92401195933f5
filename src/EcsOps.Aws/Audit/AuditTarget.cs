using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Audit;

/// <summary>Where an action ran. Every part is optional: a runbook may target a cluster, <c>cp</c> a container.</summary>
public sealed record AuditTarget
{
    public string? AccountId { get; init; }
    public string? AccountName { get; init; }
    public string? Region { get; init; }
    public string? Cluster { get; init; }
    public string? Service { get; init; }

    /// <summary>The task ARN.</summary>
    public string? Task { get; init; }

    public string? Container { get; init; }

    /// <summary>A host reached through the container (port forwarding to a database, …).</summary>
    public string? RemoteHost { get; init; }

    /// <summary>The target of a discovered container.</summary>
    public static AuditTarget Of(DiscoveredContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return new AuditTarget
        {
            AccountId = container.AccountId,
            AccountName = container.AccountName,
            Region = container.Region,
            Cluster = container.ClusterName,
            Service = container.ServiceName,
            Task = container.TaskArn,
            Container = container.ContainerName,
        };
    }
}
