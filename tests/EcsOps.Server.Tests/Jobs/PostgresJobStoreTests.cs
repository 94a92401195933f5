using EcsOps.Server.Jobs.Sql;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>The store contract on PostgreSQL (a fresh database in the collection's private cluster).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJobStoreTests(PostgresFixture postgres) : JobStoreContract
{
    protected override async Task<SqlJobStore> CreateStoreAsync() => SqlJobStore.Postgres(await postgres.CreateDatabaseAsync());
}
