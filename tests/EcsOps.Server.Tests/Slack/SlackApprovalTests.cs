using System.Net;
using EcsOps.Server.Slack;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Slack;

/// <summary>
/// Runs whose rule needs approval: the request waits with Approve/Deny buttons in the channel; only an approver who
/// is not the requester can decide; decisions and refused attempts are audited; nothing runs before approval.
/// </summary>
public sealed class SlackApprovalTests : IAsyncLifetime
{
    private ServerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ServerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task RunNeedingApproval_ButtonsInTheChannel_WaitsUntilApproved_ThenRuns()
    {
        var commandUrl = _bed.Slack.NewResponseUrl();
        var clickUrl = _bed.Slack.NewResponseUrl();

        var ack = await _bed.SlackCommandMessageAsync(ServerTestBed.Dba, "run backup target=prod-orders comment=pre-release", commandUrl);

        Assert.Equal("in_channel", ack["response_type"]!.ToString());
        var runId = SlackCommandTests.RunIdIn(ack["text"]!.ToString());
        var buttons = ack["blocks"]![1]!["elements"]!.AsArray();
        Assert.Equal([SlackActions.Approve, SlackActions.Deny], buttons.Select(b => b!["action_id"]!.ToString()));
        Assert.All(buttons, b => Assert.Equal(runId, b!["value"]!.ToString()));
        Assert.Equal("pending-approval", (await _bed.RunAsync(runId))["state"]!.ToString());

        using var click = await _bed.SlackClickAsync(ServerTestBed.Lead, SlackActions.Approve, runId, clickUrl);

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var decided = await _bed.Slack.WaitForAsync(clickUrl, "approved");
        Assert.True((bool)decided["replace_original"]!);
        await _bed.Slack.WaitForAsync(commandUrl, "*succeeded*");
        var run = await _bed.RunAsync(runId);
        Assert.Equal("slack:" + ServerTestBed.Lead, run["approver"]!.ToString());
        Assert.Equal("backup of prod-orders: pre-release", run["output"]!.ToString());
        Assert.Equal([runId], _bed.LedgerLines());
        var events = await _bed.WaitForAuditAsync(e => e["runId"]?.ToString() == runId && e["kind"]!.ToString() == "run-finished");
        var kinds = events.Where(e => e["runId"]?.ToString() == runId).Select(e => e["kind"]!.ToString()).Reverse();
        Assert.Equal(["run-requested", "run-approved", "run-started", "run-finished"], kinds);
    }

    [Fact]
    public async Task ApprovalByTheRequester_Refused_RunStillWaits_AttemptAudited()
    {
        var runId = await RequestBackupAsync(ServerTestBed.Dba);
        var clickUrl = _bed.Slack.NewResponseUrl();

        using var click = await _bed.SlackClickAsync(ServerTestBed.Dba, SlackActions.Approve, runId, clickUrl);

        var error = await _bed.Slack.WaitForAsync(clickUrl, "error:");
        Assert.Contains("someone else must approve", error["text"]!.ToString());
        Assert.Equal("ephemeral", error["response_type"]!.ToString());
        Assert.Equal("pending-approval", (await _bed.RunAsync(runId))["state"]!.ToString());
        var refusal = (await _bed.AuditAsync()).First(e => e["kind"]!.ToString() == "approval-refused");
        Assert.Equal("slack:" + ServerTestBed.Dba, refusal["actor"]!.ToString());
        Assert.StartsWith("self-approval:", refusal["detail"]!.ToString());
    }

    [Fact]
    public async Task ApprovalBySomeoneNotAnApprover_Refused()
    {
        var runId = await RequestBackupAsync(ServerTestBed.Dba);
        var clickUrl = _bed.Slack.NewResponseUrl();

        using var click = await _bed.SlackClickAsync(ServerTestBed.OtherDba, SlackActions.Approve, runId, clickUrl);

        var error = await _bed.Slack.WaitForAsync(clickUrl, "error:");
        Assert.Contains($"slack:{ServerTestBed.OtherDba} may not decide", error["text"]!.ToString());
        Assert.Equal("pending-approval", (await _bed.RunAsync(runId))["state"]!.ToString());
    }

    [Fact]
    public async Task Denied_NeverRuns_AndASecondDecisionIsRefused()
    {
        var runId = await RequestBackupAsync(ServerTestBed.Dba);
        var clickUrl = _bed.Slack.NewResponseUrl();

        using var deny = await _bed.SlackClickAsync(ServerTestBed.Lead, SlackActions.Deny, runId, clickUrl);
        await _bed.Slack.WaitForAsync(clickUrl, "denied");
        using var lateApproval = await _bed.SlackClickAsync(ServerTestBed.Lead, SlackActions.Approve, runId, clickUrl);

        var error = await _bed.Slack.WaitForAsync(clickUrl, "error:");
        Assert.Contains("is not waiting for approval (it is denied", error["text"]!.ToString());
        var run = await _bed.RunAsync(runId);
        Assert.Equal("denied", run["state"]!.ToString());
        Assert.Null(run["startedAt"]);
        Assert.Empty(_bed.LedgerLines());
        Assert.Contains(await _bed.AuditAsync(), e => e["kind"]!.ToString() == "run-denied" && e["actor"]!.ToString() == "slack:" + ServerTestBed.Lead);
    }

    [Fact]
    public async Task ForgedClick_Refused401_RunStillWaits()
    {
        var runId = await RequestBackupAsync(ServerTestBed.Dba);
        var clickUrl = _bed.Slack.NewResponseUrl();

        using var click = await _bed.SlackClickAsync(ServerTestBed.Lead, SlackActions.Approve, runId, clickUrl, timestamp: ServerTestBed.Now() - 3600);

        Assert.Equal(HttpStatusCode.Unauthorized, click.StatusCode);
        Assert.Equal("pending-approval", (await _bed.RunAsync(runId))["state"]!.ToString());
        Assert.Empty(_bed.Slack.MessagesAt(clickUrl));
    }

    [Fact]
    public async Task ClickOnAnUnknownRun_RefusedAndAudited()
    {
        var clickUrl = _bed.Slack.NewResponseUrl();

        using var click = await _bed.SlackClickAsync(ServerTestBed.Lead, SlackActions.Approve, "01AAAAAAAAAAAAAAAAAAAAAAAA", clickUrl);

        var error = await _bed.Slack.WaitForAsync(clickUrl, "error:");
        Assert.Contains("there is no run 01AAAAAAAAAAAAAAAAAAAAAAAA", error["text"]!.ToString());
        Assert.Contains(await _bed.AuditAsync(), e => e["detail"]!.ToString().StartsWith("unknown-run:", StringComparison.Ordinal));
    }

    private async Task<string> RequestBackupAsync(string userId)
    {
        var ack = await _bed.SlackCommandMessageAsync(userId, "run backup target=prod-orders comment=x");
        Assert.Equal("in_channel", ack["response_type"]!.ToString());
        return SlackCommandTests.RunIdIn(ack["text"]!.ToString());
    }
}
