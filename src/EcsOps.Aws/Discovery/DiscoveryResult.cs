namespace EcsOps.Aws.Discovery;

/// <summary>What a discovery run found, and what it looked at to find it.</summary>
public sealed record DiscoveryResult
{
    /// <summary>The selector the run answered.</summary>
    public required TargetSelector Selector { get; init; }

    /// <summary>Containers matching the whole selector, in a stable order (account, region, cluster, service, task, container).</summary>
    public required IReadOnlyList<DiscoveredContainer> Containers { get; init; }

    /// <summary>Every container of the clusters that matched, before the service, task and container filters.</summary>
    public required IReadOnlyList<DiscoveredContainer> ClusterContainers { get; init; }

    /// <summary>The account × region pairs searched.</summary>
    public required IReadOnlyList<DiscoveryScope> Scopes { get; init; }

    /// <summary>Names of the configured accounts, for hints when the account filter matched none.</summary>
    public required IReadOnlyList<string> AccountNames { get; init; }

    /// <summary>Pairs that could not be searched; the rest of the answer is still valid.</summary>
    public required IReadOnlyList<DiscoveryFailure> Failures { get; init; }
}
