using EcsOps.Aws.Config;
using EcsOps.Server.Hosting;
using EcsOps.Server.Jobs;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>A job store that cannot be opened stops the start with one line saying which store and why.</summary>
public sealed class StoreStartupTests
{
    [Fact]
    public async Task PostgresUnreachable_StartFailsNamingTheStoreWithoutItsPassword()
    {
        var error = await Assert.ThrowsAsync<JobStoreUnavailableException>(() => StartAsync(
            "server:\n  store:\n    postgres: env:PG\n",
            new Dictionary<string, string> { ["PG"] = "Host=127.0.0.1;Port=1;Username=ecsops;Password=hunter2-hunter2;Database=jobs;Timeout=5" }));

        Assert.StartsWith("cannot open PostgreSQL 127.0.0.1:1/jobs: ", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task SqliteFileInAPlaceThatCannotBeWritten_StartFailsSayingWhy()
    {
        var error = await Assert.ThrowsAsync<JobStoreUnavailableException>(() => StartAsync("server:\n  store:\n    sqlite: /proc/ecsops/jobs.db\n", []));

        Assert.StartsWith("cannot open the job store: ", error.Message);
    }

    private static async Task StartAsync(string yaml, Dictionary<string, string> environment)
    {
        var catalog = new ScriptRunbookCatalog([]);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Config = ConfigLoader.Parse(yaml),
            Port = 0,
            Catalog = catalog,
            Runner = new LocalProcessJobRunner(catalog, new Dictionary<string, string>()),
            Environment = new EnvironmentVariables(environment),
        });
    }
}
