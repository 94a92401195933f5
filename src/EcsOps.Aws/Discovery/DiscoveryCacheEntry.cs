using System.Diagnostics.CodeAnalysis;

namespace EcsOps.Aws.Discovery;

/// <summary>The cached state of one account × region while a discovery run reads and updates it.</summary>
public sealed class DiscoveryCacheEntry
{
    private readonly DiscoveryCache _cache;
    private DiscoveryCacheFile _file;

    internal DiscoveryCacheEntry(DiscoveryCache cache, string path, DiscoveryCacheFile file)
    {
        _cache = cache;
        Path = path;
        _file = file;
    }

    internal string Path { get; }

    internal DiscoveryCacheFile File => _file;

    internal bool IsChanged { get; private set; }

    /// <summary>The cluster ARNs, when fetched within the TTL.</summary>
    public bool TryGetClusterArns([NotNullWhen(true)] out IReadOnlyList<string>? clusterArns)
    {
        clusterArns = _file.Clusters is { } clusters && _cache.IsFresh(clusters.FetchedAt) ? clusters.ClusterArns : null;
        return clusterArns is not null;
    }

    public void SetClusterArns(IReadOnlyList<string> clusterArns)
    {
        _file = _file with { Clusters = new CachedClusterList(_cache.Now, clusterArns) };
        IsChanged = true;
    }

    /// <summary>A cluster's containers, when fetched within the TTL.</summary>
    public bool TryGetContainers(string clusterArn, [NotNullWhen(true)] out IReadOnlyList<DiscoveredContainer>? containers)
    {
        containers = _file.Containers.TryGetValue(clusterArn, out var cached) && _cache.IsFresh(cached.FetchedAt) ? cached.Containers : null;
        return containers is not null;
    }

    public void SetContainers(string clusterArn, IReadOnlyList<DiscoveredContainer> containers)
    {
        _file.Containers[clusterArn] = new CachedClusterContainers(_cache.Now, containers);
        IsChanged = true;
    }

    /// <summary>Drops clusters whose containers are past the TTL, so deleted clusters do not pile up in the file.</summary>
    internal void PruneStale()
    {
        foreach (var (clusterArn, cached) in _file.Containers.ToList())
        {
            if (!_cache.IsFresh(cached.FetchedAt))
            {
                _file.Containers.Remove(clusterArn);
            }
        }
    }
}
