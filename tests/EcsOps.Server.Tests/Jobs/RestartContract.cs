using System.Text.Json.Nodes;
using EcsOps.Server.Jobs;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>
/// Runs survive the service: queued runs run after a restart, exactly once; a run that was running when its
/// replica stopped or died is marked interrupted and not run again, unless its runbook is idempotent, in which case
/// it runs again, once. On SQLite and PostgreSQL.
/// </summary>
public abstract class RestartContract : IAsyncLifetime
{
    protected ServerTestBed Bed { get; private set; } = null!;

    public async Task InitializeAsync() => Bed = await ServerTestBed.StartAsync((await OptionsAsync()) with { Workers = 1 });

    public async Task DisposeAsync() => await Bed.DisposeAsync();

    protected abstract Task<TestBedOptions> OptionsAsync();

    [Fact]
    public async Task StopMidQueue_QueuedRunsCompleteOnceAfterRestart_TheInterruptedRunIsNotRunAgain()
    {
        var gated = await SubmitAsync("T-0", "gated");
        await Bed.WaitForRunAsync(gated, "running");
        var queued = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            queued.Add(await SubmitAsync($"T-{i}", "echo"));
        }

        await Bed.StopHostAsync();
        await File.WriteAllTextAsync(Bed.Gate, "open");
        await using (var store = Bed.OpenStore())
        {
            Assert.Equal(JobState.Interrupted, (await store.GetAsync(gated, CancellationToken.None))!.State);
            foreach (var id in queued)
            {
                Assert.Equal(JobState.Queued, (await store.GetAsync(id, CancellationToken.None))!.State);
            }
        }

        await Bed.StartHostAsync();

        foreach (var id in queued)
        {
            Assert.Equal("succeeded", (await Bed.WaitForRunAsync(id, "succeeded", "failed", "interrupted"))["state"]!.ToString());
        }

        Assert.Equal(queued.Order(StringComparer.Ordinal), Bed.LedgerLines().Order(StringComparer.Ordinal));
        var interrupted = await Bed.RunAsync(gated);
        Assert.Equal("interrupted", interrupted["state"]!.ToString());
        Assert.Contains("the service stopped while the run was in progress", interrupted["error"]!.ToString());
        Assert.Equal(1, (int)interrupted["attempts"]!);
    }

    [Fact]
    public async Task StopWhileAnIdempotentRunRuns_ItRunsAgainAfterRestart_Once()
    {
        var runId = await SubmitAsync("T-10", "gated-idempotent");
        await Bed.WaitForRunAsync(runId, "running");

        await Bed.StopHostAsync();
        await File.WriteAllTextAsync(Bed.Gate, "open");
        await Bed.StartHostAsync();

        var run = await Bed.WaitForRunAsync(runId, "succeeded", "failed", "interrupted");
        Assert.Equal("succeeded", run["state"]!.ToString());
        Assert.Equal(2, (int)run["attempts"]!);
        Assert.Equal([runId], Bed.LedgerLines());
        var events = await Bed.WaitForAuditAsync(e => e["runId"]?.ToString() == runId && e["kind"]!.ToString() == "run-finished");
        var kinds = events.Where(e => e["runId"]?.ToString() == runId).Select(e => e["kind"]!.ToString()).Reverse();
        Assert.Equal(["run-requested", "run-started", "run-requeued", "run-started", "run-finished"], kinds);
    }

    [Fact]
    public async Task ReplicaDiedMidRun_AfterItsLeaseExpires_MarkedInterruptedAndNotRunAgain()
    {
        await Bed.StopHostAsync();
        string runId;
        await using (var store = Bed.OpenStore())
        {
            // What a replica killed mid-run leaves behind: a running job with a lease nobody renews.
            var now = DateTimeOffset.UtcNow;
            runId = (await store.CreateAsync(TestJobs.QueuedEcho(), now, CancellationToken.None)).Job.Id;
            Assert.NotNull(await store.ClaimNextAsync("killed-replica", now.AddSeconds(1), now, CancellationToken.None));
        }

        await Bed.StartHostAsync();

        var run = await Bed.WaitForRunAsync(runId, "interrupted", "succeeded", "failed");
        Assert.Equal("interrupted", run["state"]!.ToString());
        Assert.Contains("lease expired", run["error"]!.ToString());
        Assert.Empty(Bed.LedgerLines());
        await Bed.WaitForAuditAsync(e => e["runId"]?.ToString() == runId && e["kind"]!.ToString() == "run-interrupted");
    }

    protected async Task<string> SubmitAsync(string ticketId, string runbook, Uri? endpoint = null)
    {
        var request = new JsonObject { ["runbook"] = runbook, ["target"] = "dev-web", ["ticketId"] = ticketId, ["requester"] = "alice" };
        using var response = await Bed.TicketAsync(request, endpoint: endpoint);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, content);
        return JsonNode.Parse(content)!["runId"]!.ToString();
    }
}
