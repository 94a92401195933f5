namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>The default world for cache tests alone: they start tasks, which other discovery tests must not see.</summary>
public sealed class CacheSandbox : DiscoverySandbox
{
    protected override string HubName => "dev";

    protected override EcsOps.Sandbox.World.WorldDefinition? World => null;
}

[CollectionDefinition(Name)]
public sealed class CacheCollection : ICollectionFixture<CacheSandbox>
{
    public const string Name = "aws-discovery-cache";
}
