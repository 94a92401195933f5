using EcsOps.Aws.Config;

namespace EcsOps.Aws.Discovery;

/// <summary>How discovery fans out.</summary>
public sealed record DiscoveryOptions
{
    /// <summary>How many account × region searches run at once.</summary>
    public int Concurrency { get; init; } = DefaultsConfig.DefaultConcurrency;
}
