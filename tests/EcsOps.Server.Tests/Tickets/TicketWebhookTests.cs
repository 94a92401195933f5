using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Tickets;

/// <summary>
/// <c>POST /hooks/tickets</c> end to end: signed by a configured source, idempotent on the ticket id, approvals
/// carried in the ticket, strict bodies; and <c>GET /runs/{id}</c> for viewers only.
/// </summary>
public sealed class TicketWebhookTests : IAsyncLifetime
{
    private ServerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ServerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Request_202WithRunId_RunsAndStatusShowsExitCodeAndOutput()
    {
        using var response = await _bed.TicketAsync(Request("CHG-1", "echo", "dev-web", message: "from the ticket"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await JsonAsync(response);
        var runId = answer["runId"]!.ToString();
        Assert.Equal($"/runs/{runId}", answer["statusUrl"]!.ToString());
        Assert.True((bool)answer["created"]!);
        var run = await _bed.WaitForRunAsync(runId, "succeeded", "failed");
        Assert.Equal("succeeded", run["state"]!.ToString());
        Assert.Equal(0, (int)run["exitCode"]!);
        Assert.Contains("from the ticket", run["output"]!.ToString());
        Assert.Equal("ticket:servicedesk:alice", run["requester"]!.ToString());
        Assert.Equal("CHG-1", run["ticketId"]!.ToString());
        Assert.Equal("ticket:servicedesk", run["channel"]!.ToString());
    }

    [Fact]
    public async Task SameTicketTwice_SameRunId_RunsOnce()
    {
        using var first = await _bed.TicketAsync(Request("CHG-2", "echo", "dev-web"));
        var runId = (await JsonAsync(first))["runId"]!.ToString();
        await _bed.WaitForRunAsync(runId, "succeeded");

        // A retry is signed again, with a later timestamp: the same signature twice is a replay.
        using var again = await _bed.TicketAsync(Request("CHG-2", "echo", "dev-web"), timestamp: ServerTestBed.Now() + 1);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = await JsonAsync(again);
        Assert.Equal(runId, answer["runId"]!.ToString());
        Assert.False((bool)answer["created"]!);
        Assert.Equal([runId], _bed.LedgerLines());
        Assert.Single(await _bed.RunsAsync());
    }

    [Fact]
    public async Task SameTicketConcurrently_OneRun()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await _bed.TicketAsync(Request("CHG-RACE", "echo", "dev-web"), timestamp: ServerTestBed.Now() - i);
            return (await JsonAsync(response))["runId"]!.ToString();
        }));

        var runId = Assert.Single(answers.Distinct());
        await _bed.WaitForRunAsync(runId, "succeeded");
        Assert.Equal([runId], _bed.LedgerLines());
    }

    [Fact]
    public async Task SameTicketDifferentRequest_409_NothingMoreRuns()
    {
        using var first = await _bed.TicketAsync(Request("CHG-3", "echo", "dev-web"));
        var runId = (await JsonAsync(first))["runId"]!.ToString();

        using var other = await _bed.TicketAsync(Request("CHG-3", "echo", "dev-api"));

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var error = await JsonAsync(other);
        Assert.Equal("ticket-conflict", error["error"]!.ToString());
        Assert.Contains(runId, error["message"]!.ToString());
        Assert.Single(await _bed.RunsAsync());
    }

    [Fact]
    public async Task SignedWithAnotherSourcesSecret_RunBelongsToThatSource()
    {
        using var response = await _bed.TicketAsync(Request("CHG-4", "echo", "dev-web"), secret: ServerTestBed.OtherTicketSecret);

        // Source "other" is configured but no rule allows it.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ticket:other:alice may not run echo", (await JsonAsync(response))["message"]!.ToString());
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("malformed")]
    public async Task UnverifiedRequest_401_AuditedAndNothingRuns(string how)
    {
        var body = Encoding.UTF8.GetBytes(Request("CHG-5", "echo", "dev-web").ToJsonString());
        var timestamp = how switch { "stale" => ServerTestBed.Now() - 600, "future" => ServerTestBed.Now() + 600, _ => ServerTestBed.Now() };
        var signature = how switch
        {
            "forged" => RequestSigner.Ticket("a-secret-nobody-configured-0123", timestamp, body),
            "malformed" => "sha256=xyz",
            _ => RequestSigner.Ticket(ServerTestBed.TicketSecret, timestamp, body),
        };

        using var response = await _bed.SendAsync("hooks/tickets", body, "application/json",
            [("X-EcsOps-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("X-EcsOps-Signature", signature)]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unverified", (await JsonAsync(response))["error"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
        var refusal = Assert.Single(await _bed.AuditAsync());
        Assert.Equal("ticket", refusal["channel"]!.ToString());
    }

    [Fact]
    public async Task ReplayOfTheSameSignedRequest_401()
    {
        var body = Encoding.UTF8.GetBytes(Request("CHG-6", "echo", "dev-web").ToJsonString());
        var timestamp = ServerTestBed.Now();
        (string, string)[] headers =
        [
            ("X-EcsOps-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("X-EcsOps-Signature", RequestSigner.Ticket(ServerTestBed.TicketSecret, timestamp, body)),
        ];

        using var first = await _bed.SendAsync("hooks/tickets", body, "application/json", headers);
        using var replay = await _bed.SendAsync("hooks/tickets", body, "application/json", headers);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("replay", (await JsonAsync(replay))["message"]!.ToString());
    }

    [Theory]
    [InlineData("""{"runbook":"echo","target":"dev-web","ticketId":"T-1","requester":"alice","awsAccessKeyId":"AKIAEXAMPLE"}""", "unknown field 'awsAccessKeyId'")]
    [InlineData("""{"runbook":"echo","target":"dev-web","ticketId":"T-1","requester":"alice","parameters":{"message":42}}""", "parameter 'message' must be a string")]
    [InlineData("""{"runbook":"echo","target":"dev-web","requester":"alice"}""", "'ticketId' is required")]
    [InlineData("""{"runbook":"echo","target":"dev-web","ticketId":"T 1","requester":"alice"}""", "'ticketId' may hold")]
    [InlineData("""{"runbook":"echo","target":"dev-web","ticketId":"T-1","requester":"alice:admin"}""", "'requester' may hold")]
    [InlineData("""["echo"]""", "must be a JSON object")]
    [InlineData("""{"runbook":""", "not JSON")]
    public async Task MalformedBody_400_AuditedAndNothingRuns(string json, string problem)
    {
        using var response = await _bed.TicketRawAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("malformed-request", error["error"]!.ToString());
        Assert.Contains(problem, error["message"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
        Assert.Equal("ticket:servicedesk", Assert.Single(await _bed.AuditAsync())["channel"]!.ToString());
    }

    [Fact]
    public async Task BodyOver64KiB_413()
    {
        var request = Request("CHG-7", "echo", "dev-web", message: new string('a', 70 * 1024));

        using var response = await _bed.TicketAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _bed.RunsAsync());
    }

    [Theory]
    [InlineData("nosuch", "dev-web", null, HttpStatusCode.BadRequest, "unknown-runbook")]
    [InlineData("echo", "dev-web", "bad|value", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("echo", "staging-web", null, HttpStatusCode.Forbidden, "not-allowed")]
    public async Task RefusedRequest_ErrorKindAndStatus_AuditedAndNothingRuns(string runbook, string target, string? message, HttpStatusCode status, string kind)
    {
        using var response = await _bed.TicketAsync(Request("CHG-8", runbook, target, message));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(kind, (await JsonAsync(response))["error"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
        Assert.StartsWith(kind + ":", Assert.Single(await _bed.AuditAsync())["detail"]!.ToString());
    }

    [Theory]
    [InlineData(null, "approval-missing")]
    [InlineData("alice", "self-approval")]
    public async Task ApprovalNeeded_NoValidApproverInTheTicket_403(string? approver, string kind)
    {
        using var response = await _bed.TicketAsync(Request("CHG-9", "backup", "prod-orders", approver: approver));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(kind, (await JsonAsync(response))["error"]!.ToString());
        Assert.Empty(await _bed.RunsAsync());
    }

    [Fact]
    public async Task ApprovalNeeded_ApproverInTheTicket_RunsWithTheApprovalAudited()
    {
        using var response = await _bed.TicketAsync(Request("CHG-10", "backup", "prod-orders", approver: "bob"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await JsonAsync(response))["runId"]!.ToString();
        var run = await _bed.WaitForRunAsync(runId, "succeeded");
        Assert.Equal("ticket:servicedesk:bob", run["approver"]!.ToString());
        Assert.Contains(await _bed.AuditAsync(), e => e["kind"]!.ToString() == "run-approved" && e["actor"]!.ToString() == "ticket:servicedesk:bob");
    }

    [Fact]
    public async Task RunStatus_WithoutOrWithAWrongToken_401_WithBasicCredentials_200()
    {
        using var created = await _bed.TicketAsync(Request("CHG-11", "echo", "dev-web"));
        var runId = (await JsonAsync(created))["runId"]!.ToString();
        var url = new Uri(_bed.Endpoint, "runs/" + runId);

        using var anonymous = await _bed.Http.GetAsync(url);
        using var wrong = await SendAsync(url, new AuthenticationHeaderValue("Bearer", "viewer-token-0123456789abcdeX"));
        using var wrongName = await SendAsync(url, Basic("intruder", ServerTestBed.ViewerToken));
        using var basic = await SendAsync(url, Basic(ServerTestBed.ViewerName, ServerTestBed.ViewerToken));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(runId, (await JsonAsync(basic))["runId"]!.ToString());
    }

    [Fact]
    public async Task RunStatus_UnknownRun_404()
    {
        using var response = await _bed.ViewAsync("runs/01AAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject Request(string ticketId, string runbook, string target, string? message = null, string? approver = null)
    {
        var request = new JsonObject { ["runbook"] = runbook, ["target"] = target, ["ticketId"] = ticketId, ["requester"] = "alice" };
        if (message is not null)
        {
            request["parameters"] = new JsonObject { ["message"] = message };
        }

        if (approver is not null)
        {
            request["approver"] = approver;
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = authorization;
        return await _bed.Http.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string name, string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{token}")));

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
