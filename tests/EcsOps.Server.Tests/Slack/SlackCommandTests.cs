using System.Net;
using System.Text;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Slack;

/// <summary>
/// <c>POST /slack/commands</c> end to end: the signed slash command, the acknowledgement, the run, and the progress
/// and result posted to response_url; and every way a request is refused (an error to the caller, an audit event,
/// nothing run).
/// </summary>
public sealed class SlackCommandTests : IAsyncLifetime
{
    private ServerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ServerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Run_AcknowledgedOnlyToTheRequester_ThenStartedAndResultPostedToResponseUrl()
    {
        var responseUrl = _bed.Slack.NewResponseUrl();

        var ack = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "run echo target=dev-web message=\"hi there\"", responseUrl);

        Assert.Equal("ephemeral", ack["response_type"]!.ToString());
        var runId = RunIdIn(ack["text"]!.ToString());
        await _bed.Slack.WaitForAsync(responseUrl, $"`{runId}` started");
        var result = await _bed.Slack.WaitForAsync(responseUrl, "*succeeded*");
        Assert.Contains(runId, result["text"]!.ToString());
        Assert.Contains("hi there", result["text"]!.ToString());
        var run = await _bed.RunAsync(runId);
        Assert.Equal("succeeded", run["state"]!.ToString());
        Assert.Equal(0, (int)run["exitCode"]!);
        Assert.Equal("a note on stderr\nhi there", Sorted(run["output"]!.ToString()));
        Assert.Equal("slack:" + ServerTestBed.Developer, run["requester"]!.ToString());
        Assert.Equal([runId], _bed.LedgerLines());
    }

    [Fact]
    public async Task Run_CommandExits3_ResultSaysFailedWithExitCode3()
    {
        var responseUrl = _bed.Slack.NewResponseUrl();

        var ack = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "run fail target=dev-web", responseUrl);

        var runId = RunIdIn(ack["text"]!.ToString());
        var result = await _bed.Slack.WaitForAsync(responseUrl, "*failed* with exit code 3");
        Assert.Contains("about to fail", result["text"]!.ToString());
        Assert.Equal(3, (int)(await _bed.RunAsync(runId))["exitCode"]!);
    }

    [Fact]
    public async Task Run_OutputOverTheStoredLimit_TruncatedWithANote()
    {
        var ack = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "run noisy target=dev-web");

        var run = await _bed.WaitForRunAsync(RunIdIn(ack["text"]!.ToString()), "succeeded", "failed");
        Assert.True((bool)run["outputTruncated"]!);
        var lines = run["output"]!.ToString().Split('\n');
        Assert.Equal(1024 * 1024 / 100, lines.Length - 1);
        Assert.All(lines[..^1], line => Assert.Equal(new string('x', 100), line));
        Assert.Matches("^\\[ecsops: [0-9]+ more lines not stored", lines[^1]);
    }

    [Fact]
    public async Task Help_ListsTheRunbooks()
    {
        var answer = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "help");

        Assert.Equal("ephemeral", answer["response_type"]!.ToString());
        Assert.Contains("`backup`", answer["text"]!.ToString());
        Assert.Contains("usage: /ecsops run RUNBOOK", answer["text"]!.ToString());
    }

    [Theory]
    [InlineData("run nosuch target=dev-web", "there is no runbook 'nosuch'", "unknown-runbook")]
    [InlineData("run echo target=dev-web message=bad|pipe", "parameter message", "invalid-request")]
    [InlineData("run echo target=dev-web colour=red", "has no parameter 'colour'", "invalid-request")]
    [InlineData("run echo", "name a target", "invalid-request")]
    [InlineData("run echo target=dev-web message=\"unclosed", "a quoted value is not closed", "malformed-request")]
    [InlineData("run echo target=dev-web stray", "'stray' is not name=value", "malformed-request")]
    [InlineData("deploy everything", "unknown command 'deploy'", "malformed-request")]
    [InlineData("run backup target=dev-web comment=x;rm", "parameter comment", "invalid-request")]
    public async Task BadRequest_ErrorOnlyToTheCaller_AuditedAndNothingRuns(string text, string problem, string kind)
    {
        var answer = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, text);

        Assert.Equal("ephemeral", answer["response_type"]!.ToString());
        Assert.StartsWith("error: ", answer["text"]!.ToString());
        Assert.Contains(problem, answer["text"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
        var refusal = Assert.Single(await _bed.AuditAsync());
        Assert.Equal("request-refused", refusal["kind"]!.ToString());
        Assert.Equal("slack:" + ServerTestBed.Developer, refusal["actor"]!.ToString());
        Assert.StartsWith(kind + ":", refusal["detail"]!.ToString());
    }

    [Fact]
    public async Task UserNoRuleAllows_ErrorToTheCaller_AuditedAndNothingRuns()
    {
        var answer = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "run backup target=prod-orders comment=x");

        Assert.Equal("ephemeral", answer["response_type"]!.ToString());
        Assert.Contains($"slack:{ServerTestBed.Developer} may not run backup on prod-orders", answer["text"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
        var refusal = Assert.Single(await _bed.AuditAsync());
        Assert.StartsWith("not-allowed:", refusal["detail"]!.ToString());
        Assert.Equal("backup", refusal["runbook"]!.ToString());
        Assert.Equal("prod-orders", refusal["target"]!.ToString());
    }

    [Fact]
    public async Task RunbookRequiresApproval_RuleNamesNoApprovers_Refused()
    {
        var answer = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "run guarded target=dev-web");

        Assert.Contains("runbook guarded requires approval, but the rule that allows it", answer["text"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
    }

    [Fact]
    public async Task ResponseUrlOutsideTheAllowedPrefixes_Refused()
    {
        var answer = await _bed.SlackCommandMessageAsync(ServerTestBed.Developer, "run echo target=dev-web", "https://attacker.example/collect");

        Assert.Contains("response_url is not under server.slack.responseUrls", answer["text"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
    }

    [Fact]
    public async Task ForgedSignature_Refused401_AuditedAndNothingRuns()
    {
        using var response = await _bed.SlackCommandAsync(ServerTestBed.Developer, "run echo target=dev-web", secret: "not-the-signing-secret-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature does not match", await response.Content.ReadAsStringAsync());
        Assert.Empty(await _bed.RunsAsync());
        var refusal = Assert.Single(await _bed.AuditAsync());
        Assert.Equal("unverified", refusal["actor"]!.ToString());
    }

    [Fact]
    public async Task AlteredBody_Refused401()
    {
        var body = ServerTestBed.Form(("user_id", ServerTestBed.Developer), ("text", "run echo target=dev-web"), ("response_url", _bed.Slack.NewResponseUrl()));
        var timestamp = ServerTestBed.Now();
        var signature = RequestSigner.Slack(ServerTestBed.SlackSecret, timestamp, body);
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("echo", "fail", StringComparison.Ordinal));

        using var response = await _bed.SendAsync("slack/commands", altered, "application/x-www-form-urlencoded",
            [("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("X-Slack-Signature", signature)]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _bed.RunsAsync());
    }

    [Theory]
    [InlineData(-330)]
    [InlineData(330)]
    public async Task TimestampOutsideFiveMinutes_Refused401(int offsetSeconds)
    {
        using var response = await _bed.SlackCommandAsync(ServerTestBed.Developer, "run echo target=dev-web", timestamp: ServerTestBed.Now() + offsetSeconds);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("more than 5 minutes from now", await response.Content.ReadAsStringAsync());
        Assert.Empty(await _bed.RunsAsync());
    }

    [Fact]
    public async Task Replay_Refused401_RunsOnce()
    {
        var body = ServerTestBed.Form(("user_id", ServerTestBed.Developer), ("text", "run echo target=dev-web"), ("response_url", _bed.Slack.NewResponseUrl()));
        var timestamp = ServerTestBed.Now().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] headers = [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", RequestSigner.Slack(ServerTestBed.SlackSecret, long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), body))];

        using var first = await _bed.SendAsync("slack/commands", body, "application/x-www-form-urlencoded", headers);
        using var replay = await _bed.SendAsync("slack/commands", body, "application/x-www-form-urlencoded", headers);

        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("replay", await replay.Content.ReadAsStringAsync());
        var run = Assert.Single(await _bed.RunsAsync());
        await _bed.WaitForRunAsync(run["runId"]!.ToString(), "succeeded");
        Assert.Single(_bed.LedgerLines());
    }

    [Fact]
    public async Task MissingSignatureHeaders_Refused401()
    {
        var body = ServerTestBed.Form(("user_id", ServerTestBed.Developer), ("text", "run echo target=dev-web"));

        using var response = await _bed.SendAsync("slack/commands", body, "application/x-www-form-urlencoded", []);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _bed.RunsAsync());
    }

    [Fact]
    public async Task BodyOver64KiB_Refused413_AuditedAndNothingRuns()
    {
        var text = "run echo target=dev-web message=" + new string('a', 70 * 1024);

        using var response = await _bed.SlackCommandAsync(ServerTestBed.Developer, text);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _bed.RunsAsync());
        var refusal = Assert.Single(await _bed.AuditAsync());
        Assert.StartsWith("malformed-request: the body is larger than 64 KiB", refusal["detail"]!.ToString());
    }

    internal static string RunIdIn(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, "\\b[0-9A-HJKMNP-TV-Z]{26}\\b");
        Assert.True(match.Success, "no run id in: " + text);
        return match.Value;
    }

    /// <summary>stdout and stderr lines arrive through separate pipes, so their relative order is not defined.</summary>
    private static string Sorted(string output) => string.Join('\n', output.Split('\n').Order(StringComparer.Ordinal));
}
