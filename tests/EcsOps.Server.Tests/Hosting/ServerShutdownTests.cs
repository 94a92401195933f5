using System.Text.Json.Nodes;
using EcsOps.Server.Hosting;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Hosting;

/// <summary>
/// <see cref="ServerHost.StopAsync"/> says whether the service stopped in order (what <c>ecsops serve</c> turns into
/// its exit code): a run stopped after the grace is an orderly stop; a run still going after the grace and the stop
/// margin is not.
/// </summary>
public sealed class ServerShutdownTests
{
    [Fact]
    public async Task StopWhileARunRuns_TheRunIsStoppedAfterTheGrace_StopSucceeds()
    {
        await using var bed = await ServerTestBed.StartAsync(new TestBedOptions { Workers = 1 });
        var runId = await SubmitAsync(bed, "gated");
        await bed.WaitForRunAsync(runId, "running");
        var host = bed.Host!;

        await host.StopAsync();

        await using var store = bed.OpenStore();
        Assert.Equal(EcsOps.Server.Jobs.JobState.Interrupted, (await store.GetAsync(runId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task StopWhileARunIgnoresCancellation_StopFailsAfterTheMargin()
    {
        var runner = new CancellationIgnoringJobRunner();
        await using var bed = await ServerTestBed.StartAsync(new TestBedOptions { Workers = 1, Runner = runner, StopMargin = TimeSpan.FromMilliseconds(300) });
        try
        {
            var runId = await SubmitAsync(bed, "echo");
            await runner.Started.WaitAsync(ServerTestBed.Deadline);

            var failure = await Assert.ThrowsAsync<ServerShutdownException>(() => bed.Host!.StopAsync().WaitAsync(ServerTestBed.Deadline));

            Assert.StartsWith("runs were still going 0.3s after the service began to stop", failure.Message);
        }
        finally
        {
            runner.Release();
        }
    }

    private static async Task<string> SubmitAsync(ServerTestBed bed, string runbook)
    {
        var request = new JsonObject { ["runbook"] = runbook, ["target"] = "dev-web", ["ticketId"] = "T-1", ["requester"] = "alice" };
        using var response = await bed.TicketAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, content);
        return JsonNode.Parse(content)!["runId"]!.ToString();
    }
}
