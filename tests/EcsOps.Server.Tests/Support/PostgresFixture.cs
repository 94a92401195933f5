using EcsOps.TestSupport.Postgres;

namespace EcsOps.Server.Tests.Support;

/// <summary>One private PostgreSQL cluster for the test classes of <see cref="PostgresCollection"/>; each test takes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await Server.CreateDatabaseAsync(name);
        return Server.ConnectionString(name);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
