using System.Net;
using System.Text.Json.Nodes;
using EcsOps.Server.Jobs;
using EcsOps.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EcsOps.Server.Tests.Audit;

/// <summary>
/// When audit events cannot be written (here: the database refuses inserts into the events table), nothing is
/// requested, approved or run.
/// </summary>
public sealed class AuditFailsClosedTests : IAsyncLifetime
{
    private ServerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ServerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task EventsCannotBeWritten_TicketRefused503_NoRunStored()
    {
        await BreakAuditAsync();

        using var response = await _bed.TicketAsync(new JsonObject { ["runbook"] = "echo", ["target"] = "dev-web", ["ticketId"] = "CHG-1", ["requester"] = "alice" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("audit-unavailable", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
        Assert.Empty(_bed.LedgerLines());
    }

    [Fact]
    public async Task EventsCannotBeWritten_ApprovalNotApplied()
    {
        var ack = await _bed.SlackCommandMessageAsync(ServerTestBed.Dba, "run backup target=prod-orders comment=x");
        var runId = Slack.SlackCommandTests.RunIdIn(ack["text"]!.ToString());
        await BreakAuditAsync();
        var clickUrl = _bed.Slack.NewResponseUrl();

        using var click = await _bed.SlackClickAsync(ServerTestBed.Lead, EcsOps.Server.Slack.SlackActions.Approve, runId, clickUrl);

        var error = await _bed.Slack.WaitForAsync(clickUrl, "error:");
        Assert.Contains("could not be audited, so it was not applied", error["text"]!.ToString());
        Assert.Equal("pending-approval", (await _bed.RunAsync(runId))["state"]!.ToString());
    }

    [Fact]
    public async Task StartCannotBeAudited_TheRunDoesNotRun_AndSaysWhy()
    {
        await _bed.StopHostAsync();
        await BreakAuditAsync();
        string runId;
        await using (var store = _bed.OpenStore())
        {
            runId = (await store.CreateAsync(Queued(), DateTimeOffset.UtcNow, CancellationToken.None)).Job.Id;
        }

        await _bed.StartHostAsync();

        var run = await _bed.WaitForRunAsync(runId, "failed", "succeeded");
        Assert.Equal("failed", run["state"]!.ToString());
        Assert.StartsWith("the start could not be audited, so the run did not happen", run["error"]!.ToString());
        Assert.Empty(_bed.LedgerLines());
    }

    /// <summary>What a full disk or a revoked permission looks like to the service: inserts into the events table fail.</summary>
    private async Task BreakAuditAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_bed.Directory, "jobs.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TRIGGER refuse_events BEFORE INSERT ON ecsops_events BEGIN SELECT RAISE(ABORT, 'no space left for audit events'); END";
        await command.ExecuteNonQueryAsync();
    }

    private static JobSpec Queued() => new()
    {
        Id = JobIds.New(TimeProvider.System),
        Runbook = "echo",
        Target = "dev-web",
        Parameters = new Dictionary<string, string> { ["message"] = "never" },
        Channel = "ticket:servicedesk",
        Requester = "ticket:servicedesk:alice",
        RequesterName = "alice",
        State = JobState.Queued,
    };
}
