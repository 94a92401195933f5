using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox;
using EcsOps.Server.Hosting;
using EcsOps.Server.Tests.Slack;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Engine;

/// <summary>
/// The service with the real runbook engine: runbooks of ecsops.yaml run in sandbox containers over ECS Exec with the
/// service's credentials; typed parameters validated by the engine; secret parameters reach the command but are
/// never shown.
/// </summary>
public sealed class EngineRunTests : IAsyncLifetime, IDisposable
{
    private SandboxHost _sandbox = null!;
    private SlackReceiver _slack = null!;
    private string _directory = null!;
    private AwsWorkspace _workspace = null!;
    private ServerHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { AgentPacing = TimeSpan.Zero });
        _slack = await SlackReceiver.StartAsync();
        _directory = Directory.CreateTempSubdirectory("ecsops-engine-tests-").FullName;
        var configPath = Path.Combine(_directory, "ecsops.yaml");
        await File.WriteAllTextAsync(configPath, $$$"""
            runbooks:
              greet:
                target: dev-web/web
                parameters:
                  name: { type: string, pattern: "[a-z]+", required: true }
                  code: { type: integer, min: 0, max: 255, default: "0" }
                command: [sh, -c, 'echo "hello $1"; exit "$2"', sh, "{{name}}", "{{code}}"]
              check-token:
                target: dev-web/web
                parameters:
                  token: { type: string, secret: true, required: true }
                command: [sh, -c, 'if [ "$1" = "s3cr3t-token-value" ]; then echo "token matches"; else echo "token differs"; fi', sh, "{{token}}"]
              guarded:
                target: dev-web/web
                approval: required
                command: ["true"]
              approved-greet:
                target: dev-web/web
                approval: required
                command: [echo, approved]
            audit:
              file: {{{Path.Combine(_directory, "audit.jsonl")}}}
            server:
              store:
                sqlite: jobs.db
              slack:
                signingSecret: env:TEST_SLACK_SECRET
                responseUrls: ["{{{_slack.BaseUrl}}}"]
              viewers:
                - name: ops
                  token: env:TEST_VIEW_TOKEN
              rules:
                - runbooks: [approved-greet]
                  targets: ["dev-web/*"]
                  allow: ["slack:*"]
                  approvers: [slack:ULEAD]
                - runbooks: ["*"]
                  targets: ["dev-web/*"]
                  allow: ["slack:*"]
            """);
        var dev = _sandbox.World.Accounts[0];
        var config = ConfigLoader.LoadFile(configPath);
        _workspace = new AwsWorkspace(new AwsWorkspaceOptions
        {
            Config = config,
            Environment = new EnvironmentVariables(new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = _sandbox.Endpoint.ToString(),
                ["AWS_REGION"] = "us-east-1",
                ["TEST_SLACK_SECRET"] = ServerTestBed.SlackSecret,
                ["TEST_VIEW_TOKEN"] = ServerTestBed.ViewerToken,
            }),
            BaseCredentials = new StaticCredentialsProvider(new AwsCredentials(dev.AccessKeyId, dev.SecretAccessKey)),
            CacheDirectory = Path.Combine(_directory, "cache"),
        });
        _host = await ServiceStartup.StartAsync(_workspace, 0, _directory, warn: null, CancellationToken.None);
        _http = new HttpClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _workspace.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SlackRun_RunsInTheContainer_ResultWithExitCodeAndOutput()
    {
        var url = _slack.NewResponseUrl();

        var ack = await CommandAsync("run greet name=world code=4", url);

        var runId = SlackCommandTests.RunIdIn(ack);
        var result = await _slack.WaitForAsync(url, "*failed* with exit code 4");
        Assert.Contains("hello world", result["text"]!.ToString());
        Assert.Contains(runId, result["text"]!.ToString());
    }

    [Fact]
    public async Task Run_InTheAuditTrail_StartAndEndWithRequesterContainerAndExitCode()
    {
        var url = _slack.NewResponseUrl();
        var runId = SlackCommandTests.RunIdIn(await CommandAsync("run greet name=audited code=2", url));
        await _slack.WaitForAsync(url, "*failed* with exit code 2");

        var events = AuditEvents().Where(e => e["runId"]!.ToString() == runId).ToList();

        Assert.Equal(["start", "end"], events.Select(e => e["phase"]!.ToString()));
        Assert.All(events, e => Assert.Equal("run", e["action"]!.ToString()));
        Assert.All(events, e => Assert.Equal("slack:UDEV1", e["who"]!["requester"]!.ToString()));
        Assert.All(events, e => Assert.Equal("arn:aws:iam::111111111111:user/sandbox-user", e["who"]!["arn"]!.ToString()));
        Assert.Equal("dev-web", events[0]["target"]!["cluster"]!.ToString());
        Assert.Equal("greet", events[0]["command"]!.ToString());
        Assert.Equal(("failed", 2), (events[1]["result"]!.ToString(), (int)events[1]["exitCode"]!));
    }

    [Fact]
    public async Task RefusedRequest_InTheAuditTrail_AsRefusedWithTheReason()
    {
        await CommandAsync("run greet name=x code=999", _slack.NewResponseUrl());

        var refused = Assert.Single(AuditEvents(), e => e["phase"]!.ToString() == "end" && e["result"]!.ToString() == "refused");
        Assert.Equal("slack:UDEV1", refused["who"]!["requester"]!.ToString());
        Assert.Contains("parameter 'code'", refused["error"]!.ToString());
    }

    [Fact]
    public async Task ApprovedRun_ApprovalAndRunInTheAuditTrail_WithTheApprover()
    {
        var url = _slack.NewResponseUrl();
        var runId = SlackCommandTests.RunIdIn(await CommandAsync("run approved-greet", url));

        using var click = await ClickAsync("ULEAD", runId, _slack.NewResponseUrl());
        await _slack.WaitForAsync(url, "*succeeded*");

        var approval = Assert.Single(AuditEvents(), e => e["action"]!.ToString() == "approve" && e["phase"]!.ToString() == "end");
        Assert.Equal(("slack:ULEAD", "slack:UDEV1"), (approval["who"]!["approver"]!.ToString(), approval["who"]!["requester"]!.ToString()));
        Assert.Contains(runId, approval["reason"]!.ToString());
        var start = Assert.Single(AuditEvents(), e => e["runId"]!.ToString() == runId && e["phase"]!.ToString() == "start");
        Assert.Equal("slack:ULEAD", start["who"]!["approver"]!.ToString());
    }

    [Fact]
    public async Task SecretParameter_ReachesTheCommand_ShownOnlyAsStars()
    {
        var url = _slack.NewResponseUrl();

        var ack = await CommandAsync("run check-token token=s3cr3t-token-value", url);

        Assert.Contains("token=***", ack);
        Assert.DoesNotContain("s3cr3t", ack);
        var result = await _slack.WaitForAsync(url, "*succeeded*");
        Assert.Contains("token matches", result["text"]!.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Endpoint, "runs/" + SlackCommandTests.RunIdIn(ack)));
        request.Headers.Authorization = new("Bearer", ServerTestBed.ViewerToken);
        using var run = await _http.SendAsync(request);
        var json = await run.Content.ReadAsStringAsync();
        Assert.Contains("\"token\": \"***\"", json);
        Assert.DoesNotContain("s3cr3t", json);
        var script = Assert.Single(
            _sandbox.Sessions.All().Select(s => EcsOps.TestSupport.ExecuteCommandScript.Decode(s.Parameters["command"].Single())),
            s => s.Contains("token matches", StringComparison.Ordinal));
        // The request carries a reference for the argument; the value is there once, in the runbook's own comparison.
        Assert.Contains("'sh' \"${ecsops_s0}\"; echo $?", script, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(script, "s3cr3t-token-value"));
    }

    [Theory]
    [InlineData("run greet name=world code=300", "parameter 'code'")]
    [InlineData("run greet name=World", "parameter 'name'")]
    [InlineData("run greet", "needs name=")]
    [InlineData("run greet name=x colour=red", "has no parameter 'colour'")]
    [InlineData("run nosuch", "no runbook named 'nosuch'")]
    [InlineData("run greet name=x target=dev-web/*", "has glob characters")]
    [InlineData("run guarded", "runbook guarded requires approval, but the rule that allows it")]
    public async Task RefusedByTheEngineOrThePolicy_ErrorToTheCaller(string text, string problem)
    {
        var answer = await CommandAsync(text, _slack.NewResponseUrl());

        Assert.StartsWith("error: ", answer);
        Assert.Contains(problem, answer);
    }

    private List<System.Text.Json.Nodes.JsonObject> AuditEvents() =>
        [.. File.ReadAllLines(Path.Combine(_directory, "audit.jsonl")).Select(line => System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject())];

    private async Task<HttpResponseMessage> ClickAsync(string userId, string runId, string responseUrl)
    {
        var payload = $$"""{"type":"block_actions","user":{"id":"{{userId}}"},"actions":[{"action_id":"ecsops.approve","value":"{{runId}}"}],"response_url":"{{responseUrl}}"}""";
        return await PostSignedAsync("slack/interactions", ServerTestBed.Form(("payload", payload)));
    }

    private async Task<string> CommandAsync(string text, string responseUrl)
    {
        var body = ServerTestBed.Form(("user_id", "UDEV1"), ("user_name", "dev"), ("text", text), ("response_url", responseUrl));
        using var response = await PostSignedAsync("slack/commands", body);
        var message = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return message["text"]!.ToString();
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string path, byte[] body)
    {
        var timestamp = ServerTestBed.Now();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.Endpoint, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", RequestSigner.Slack(ServerTestBed.SlackSecret, timestamp, body));
        return await _http.SendAsync(request);
    }
}
