using EcsOps.Server.Jobs.Sql;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>The store contract on a SQLite file.</summary>
public sealed class SqliteJobStoreTests : JobStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecsops-sqlite-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    protected override Task<SqlJobStore> CreateStoreAsync() => Task.FromResult(SqlJobStore.Sqlite(Path.Combine(_directory, "sub", "jobs.db")));
}
