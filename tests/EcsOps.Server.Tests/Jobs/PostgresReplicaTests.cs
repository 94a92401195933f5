using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>Restarts on PostgreSQL, and two replicas sharing one queue.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaTests(PostgresFixture postgres) : RestartContract
{
    [Fact]
    public async Task TwoReplicas_RequestsToEither_EachRunExactlyOnce()
    {
        var replica = await Bed.StartHostAsync();
        var endpoints = new[] { Bed.Endpoint, replica.Endpoint };
        var ids = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await SubmitAsync($"R-{i}", "echo", endpoints[i % 2]));
        }

        foreach (var id in ids)
        {
            Assert.Equal("succeeded", (await Bed.WaitForRunAsync(id, "succeeded", "failed", "interrupted"))["state"]!.ToString());
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), Bed.LedgerLines().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplicaStopsMidRun_TheOtherReplicaGoesOn_TheRunIsInterruptedNotRerun()
    {
        var gated = await SubmitAsync("S-0", "gated");
        await Bed.WaitForRunAsync(gated, "running");
        var survivor = await Bed.StartHostAsync();

        await Bed.StopHostAsync();
        Assert.Same(survivor, Bed.Host);
        await File.WriteAllTextAsync(Bed.Gate, "open");
        var after = await SubmitAsync("S-1", "echo");

        await Bed.WaitForRunAsync(after, "succeeded");
        Assert.Equal("interrupted", (await Bed.RunAsync(gated))["state"]!.ToString());
        Assert.Equal([after], Bed.LedgerLines());
    }

    protected override async Task<TestBedOptions> OptionsAsync() =>
        new() { PostgresConnectionString = await postgres.CreateDatabaseAsync() };
}
