using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOps.Server.Tests.Slack;
using EcsOps.Server.Tests.Support;
using EcsOps.TestSupport;

namespace EcsOps.Server.Tests.Web;

/// <summary>
/// The web page as a browser shows it: headless Chromium loads it with the viewer's credentials, runs its script
/// under the page's Content-Security-Policy, and the test reads the resulting DOM.
/// </summary>
public sealed partial class WebPageTests : IAsyncLifetime
{
    private const string Hostile = "<script>document.title='pwned'</script>";

    private ServerTestBed _bed = null!;
    private string _succeeded = null!;
    private string _failed = null!;
    private string _pending = null!;
    private string _approved = null!;

    public async Task InitializeAsync()
    {
        _bed = await ServerTestBed.StartAsync();
        _succeeded = await SlackRunAsync(ServerTestBed.Developer, $"run echo target=dev-web message=\"{Hostile}\"");
        _failed = await SlackRunAsync(ServerTestBed.Developer, "run fail target=dev-api");
        _pending = await SlackRunAsync(ServerTestBed.Dba, "run backup target=prod-orders comment=nightly");
        using var ticket = await _bed.TicketAsync(new JsonObject
        {
            ["runbook"] = "backup", ["target"] = "prod-billing", ["ticketId"] = "CHG-42", ["requester"] = "alice", ["approver"] = "bob",
        });
        _approved = JsonNode.Parse(await ticket.Content.ReadAsStringAsync())!["runId"]!.ToString();
        await _bed.WaitForRunAsync(_succeeded, "succeeded");
        await _bed.WaitForRunAsync(_failed, "failed");
        await _bed.WaitForRunAsync(_approved, "succeeded");
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task RunsPage_ShowsEachRunWithStateRequesterApproverAndLinks()
    {
        var dom = await HeadlessChromium.DumpDomAsync(ViewerUrl(""));

        Assert.Matches("<html[^>]*data-enhanced=\"yes\"", dom);
        var rows = RowPattern().Matches(dom).ToDictionary(m => m.Groups["run"].Value, m => m.Value);
        Assert.Equal(new[] { _succeeded, _failed, _pending, _approved }.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        AssertRow(rows[_succeeded], "succeeded", "echo", "dev-web", "user-udev1", "–");
        AssertRow(rows[_failed], "failed", "fail", "dev-api", "user-udev1", "–");
        Assert.Contains("<td class=\"exit\">3</td>", rows[_failed]);
        AssertRow(rows[_pending], "pending-approval", "backup", "prod-orders", "user-udba1", "–");
        AssertRow(rows[_approved], "succeeded", "backup", "prod-billing", "alice", "ticket:servicedesk:bob");
        Assert.Contains($"href=\"/ui/runs/{_approved}#output\"", rows[_approved]);
        Assert.Contains($"href=\"/ui/runs/{_approved}#events\"", rows[_approved]);

        // The script rewrote the UTC times into the browser's zone, keeping the original as the title.
        Assert.Matches("<time datetime=\"[0-9T:-]+Z\" title=\"[0-9 :-]+ UTC\">", dom);
        Assert.Contains("<option value=\"pending-approval\">pending-approval</option>", dom);
    }

    [Fact]
    public async Task RunPage_ShowsTheOutputEscapedAndTheAuditEvents()
    {
        var dom = await HeadlessChromium.DumpDomAsync(ViewerUrl($"ui/runs/{_succeeded}"));

        Assert.Contains("<title>ecsops " + _succeeded + "</title>", dom);
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom);
        Assert.DoesNotContain(Hostile, dom);
        Assert.Contains("<span class=\"stderr\">a note on stderr</span>", dom);
        var events = EventPattern().Matches(dom).Select(m => m.Groups["kind"].Value);
        Assert.Equal(["run-requested", "run-started", "run-finished"], events);
        Assert.Contains("<span class=\"state state-succeeded\" id=\"state\">succeeded</span>", dom);
    }

    [Fact]
    public async Task Page_WithoutCredentials_401WithBasicChallenge()
    {
        using var response = await _bed.Http.GetAsync(_bed.Endpoint);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic realm=\"ecsops\"", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain(_succeeded, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_ForbidsForeignResourcesAndFraming()
    {
        using var response = await _bed.ViewAsync("");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", await response.Content.ReadAsStringAsync());
    }

    private static void AssertRow(string row, string state, string runbook, string target, string requester, string approver)
    {
        Assert.Contains($"data-state=\"{state}\"", row);
        Assert.Contains($"<td class=\"runbook\">{runbook}</td>", row);
        Assert.Contains($"<code>{target}</code>", row);
        Assert.Matches($"<td class=\"requester\"[^>]*>{Regex.Escape(requester)}</td>", row);
        Assert.Matches($"<td class=\"approver\">(<span class=\"muted\">)?{Regex.Escape(approver)}(</span>)?</td>", row);
    }

    private Uri ViewerUrl(string path) =>
        new UriBuilder(new Uri(_bed.Endpoint, path)) { UserName = ServerTestBed.ViewerName, Password = ServerTestBed.ViewerToken }.Uri;

    private async Task<string> SlackRunAsync(string userId, string text) =>
        SlackCommandTests.RunIdIn((await _bed.SlackCommandMessageAsync(userId, text))["text"]!.ToString());

    [GeneratedRegex("<tr data-run=\"(?<run>[0-9A-HJKMNP-TV-Z]{26})\".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<tr data-kind=\"(?<kind>[a-z-]+)\"")]
    private static partial Regex EventPattern();
}
