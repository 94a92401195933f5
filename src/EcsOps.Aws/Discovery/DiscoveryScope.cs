namespace EcsOps.Aws.Discovery;

/// <summary>One account × region that was searched, with every cluster it has (for hints when nothing matched).</summary>
public sealed record DiscoveryScope(string AccountId, string AccountName, string Region, IReadOnlyList<string> ClusterNames);
