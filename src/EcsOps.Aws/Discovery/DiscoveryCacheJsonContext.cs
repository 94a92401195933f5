using System.Text.Json.Serialization;

namespace EcsOps.Aws.Discovery;

/// <summary>The on-disk shape of one account × region of the discovery cache.</summary>
internal sealed record DiscoveryCacheFile
{
    /// <summary>Bumped when the shape changes; files of another version are ignored.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public CachedClusterList? Clusters { get; init; }
    public Dictionary<string, CachedClusterContainers> Containers { get; init; } = new(StringComparer.Ordinal);
}

internal sealed record CachedClusterList(DateTimeOffset FetchedAt, IReadOnlyList<string> ClusterArns);

internal sealed record CachedClusterContainers(DateTimeOffset FetchedAt, IReadOnlyList<DiscoveredContainer> Containers);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscoveryCacheFile))]
internal sealed partial class DiscoveryCacheJsonContext : JsonSerializerContext;
