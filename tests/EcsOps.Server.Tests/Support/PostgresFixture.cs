using EcsOps.TestSupport;

namespace EcsOps.Server.Tests.Support;

/// <summary>One private PostgreSQL cluster for the test classes of <see cref="PostgresCollection"/>; each test takes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
