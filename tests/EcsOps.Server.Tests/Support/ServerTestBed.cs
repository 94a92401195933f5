using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcsOps.Aws.Config;
using EcsOps.Server.Jobs.Sql;
using EcsOps.Server.Hosting;

namespace EcsOps.Server.Tests.Support;

/// <summary>
/// One service under test, on real Kestrel at 127.0.0.1 port 0, with its config in a real ecsops.yaml, its job store
/// in a temporary directory (or a PostgreSQL database), a Slack receiver for response_url, and the stand-in runbook
/// engine running local scripts. The host can be stopped and started again on the same store, and more replicas
/// started beside it.
/// </summary>
public sealed class ServerTestBed : IAsyncDisposable
{
    public const string SlackSecret = "slack-signing-secret-0123456789abcdef";
    public const string TicketSecret = "ticket-hook-secret-0123456789abcdef";
    public const string OtherTicketSecret = "other-hook-secret-0123456789abcdef";
    public const string ViewerName = "ops";
    public const string ViewerToken = "viewer-token-0123456789abcdef";
    public const string TicketSource = "servicedesk";

    /// <summary>Members of the dba group: may run backup on prod-* (with approval).</summary>
    public const string Dba = "UDBA1";
    public const string OtherDba = "UDBA2";

    /// <summary>A member of the leads group: may approve backups.</summary>
    public const string Lead = "ULEAD1";

    /// <summary>Any Slack user: may run anything on dev-* targets, nothing on prod-*.</summary>
    public const string Developer = "UDEV1";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TestBedOptions _options;
    private readonly List<ServerHost> _replicas = [];

    private ServerTestBed(TestBedOptions options, string directory, SlackReceiver slack)
    {
        _options = options;
        Directory = directory;
        Slack = slack;
        Catalog = new ScriptRunbookCatalog(Runbooks());
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "ecsops.yaml");

    /// <summary>Each run of a ledger-writing runbook appends its run id here: how tests count executions.</summary>
    public string Ledger => Path.Combine(Directory, "ledger");

    /// <summary>The gated runbooks wait until this file exists.</summary>
    public string Gate => Path.Combine(Directory, "gate");

    public ScriptRunbookCatalog Catalog { get; }

    public SlackReceiver Slack { get; }

    public HttpClient Http { get; }

    /// <summary>The first host (null while stopped).</summary>
    public ServerHost? Host { get; private set; }

    public Uri Endpoint => Host?.Endpoint ?? throw new InvalidOperationException("the service is stopped");

    public static async Task<ServerTestBed> StartAsync(TestBedOptions? options = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ecsops-server-tests-").FullName;
        var bed = new ServerTestBed(options ?? new TestBedOptions(), directory, await SlackReceiver.StartAsync());
        await File.WriteAllTextAsync(bed.ConfigPath, bed.ConfigYaml());
        await bed.StartHostAsync();
        return bed;
    }

    /// <summary>Starts a host on the bed's config and store; the first becomes <see cref="Host"/>, others are replicas.</summary>
    public async Task<ServerHost> StartHostAsync()
    {
        var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Config = ConfigLoader.LoadFile(ConfigPath),
            Port = 0,
            Catalog = Catalog,
            Runner = _options.Runner ?? new LocalProcessJobRunner(Catalog, new Dictionary<string, string> { ["LEDGER"] = Ledger, ["GATE"] = Gate }),
            StopMargin = _options.StopMargin,
            Environment = new EnvironmentVariables(Secrets()),
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        if (Host is null)
        {
            Host = host;
        }
        else
        {
            _replicas.Add(host);
        }

        return host;
    }

    /// <summary>
    /// Stops the first host (its running jobs are stopped too: shutdownGrace is 0); the oldest replica, if any, takes
    /// its place as <see cref="Host"/>.
    /// </summary>
    public async Task StopHostAsync()
    {
        if (Host is { } host)
        {
            Host = _replicas.FirstOrDefault();
            _replicas.Remove(Host!);
            await host.DisposeAsync();
        }
    }

    /// <summary>A second handle on the bed's job store, as another (possibly crashed) replica would have.</summary>
    public SqlJobStore OpenStore() =>
        _options.PostgresConnectionString is { } postgres ? SqlJobStore.Postgres(postgres) : SqlJobStore.Sqlite(Path.Combine(Directory, "jobs.db"));

    public IReadOnlyList<string> LedgerLines() => File.Exists(Ledger) ? File.ReadAllLines(Ledger) : [];

    public Task<HttpResponseMessage> SlackCommandAsync(string userId, string text, string? responseUrl = null, long? timestamp = null, string secret = SlackSecret)
    {
        var body = Form(
            ("token", "legacy-verification-token"), ("team_id", "T0001"), ("team_domain", "example"), ("channel_id", "C0001"),
            ("user_id", userId), ("user_name", "user-" + userId.ToLowerInvariant()), ("command", "/ecsops"), ("text", text),
            ("response_url", responseUrl ?? Slack.NewResponseUrl()), ("trigger_id", "1.2.3"));
        return SendSignedAsync("slack/commands", body, "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp", "X-Slack-Signature",
            timestamp, (t, b) => RequestSigner.Slack(secret, t, b));
    }

    /// <summary>Sends a slash command that must be answered with 200 and a JSON message, and returns the message.</summary>
    public async Task<JsonObject> SlackCommandMessageAsync(string userId, string text, string? responseUrl = null)
    {
        using var response = await SlackCommandAsync(userId, text, responseUrl);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!.AsObject();
    }

    public Task<HttpResponseMessage> SlackClickAsync(string userId, string actionId, string runId, string responseUrl, long? timestamp = null)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "user-" + userId.ToLowerInvariant() },
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["value"] = runId, ["block_id"] = "ecsops-approval" }),
            ["response_url"] = responseUrl,
        };
        return SendSignedAsync("slack/interactions", Form(("payload", payload.ToJsonString())), "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp", "X-Slack-Signature", timestamp, (t, b) => RequestSigner.Slack(SlackSecret, t, b));
    }

    public Task<HttpResponseMessage> TicketAsync(JsonObject request, long? timestamp = null, string secret = TicketSecret, Uri? endpoint = null) =>
        TicketRawAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), timestamp, secret, endpoint);

    public Task<HttpResponseMessage> TicketRawAsync(byte[] body, long? timestamp = null, string secret = TicketSecret, Uri? endpoint = null) =>
        SendSignedAsync("hooks/tickets", body, "application/json", "X-EcsOps-Timestamp", "X-EcsOps-Signature", timestamp,
            (t, b) => RequestSigner.Ticket(secret, t, b), endpoint);

    /// <summary>Sends exactly these bytes and headers (for replays and forged requests).</summary>
    public async Task<HttpResponseMessage> SendAsync(string path, byte[] body, string contentType, IEnumerable<(string Name, string Value)> headers, Uri? endpoint = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint ?? Endpoint, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>GET as the configured viewer (bearer token).</summary>
    public async Task<HttpResponseMessage> ViewAsync(string path, Uri? endpoint = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint ?? Endpoint, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ViewerToken);
        return await Http.SendAsync(request);
    }

    public async Task<JsonObject> RunAsync(string runId)
    {
        using var response = await ViewAsync("runs/" + runId);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /runs/{runId}: HTTP {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!.AsObject();
    }

    /// <summary>Polls <c>GET /runs/{id}</c> until the run is in one of <paramref name="states"/> (hang guard: <see cref="Deadline"/>).</summary>
    public Task<JsonObject> WaitForRunAsync(string runId, params string[] states) =>
        PollAsync(
            () => RunAsync(runId),
            run => states.Contains(run["state"]!.ToString()),
            run => $"run {runId} did not reach {string.Join("/", states)} within {Deadline}: {run.ToJsonString()}");

    /// <summary>
    /// Polls <c>GET /audit</c> until an event matches <paramref name="match"/>, then returns the events. A run's end is
    /// stored before its audit event is written, so a run seen ended may not have its event yet.
    /// </summary>
    public Task<IReadOnlyList<JsonObject>> WaitForAuditAsync(Func<JsonObject, bool> match) =>
        PollAsync(
            AuditAsync,
            events => events.Any(match),
            events => $"no matching audit event within {Deadline}; newest: {string.Join(", ", events.Take(5).Select(e => e.ToJsonString()))}");

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> timedOut)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(timedOut(value));
            }
        }
    }

    /// <summary>The newest audit events (<c>GET /audit</c>).</summary>
    public async Task<IReadOnlyList<JsonObject>> AuditAsync()
    {
        using var response = await ViewAsync("audit");
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!.AsObject())];
    }

    public async Task<IReadOnlyList<JsonObject>> RunsAsync()
    {
        using var response = await ViewAsync("runs");
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!.AsObject())];
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static byte[] Form(params (string Name, string Value)[] fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await StopHostAsync();
        await Slack.DisposeAsync();
        Http.Dispose();
        await DeleteDirectoryAsync();
    }

    // A run that a faulty runner let go after a failed stop may still be writing its end (the store's journal, the audit
    // file) while the directory goes: try again for a moment instead of failing the test on its clean-up.
    private async Task DeleteDirectoryAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task<HttpResponseMessage> SendSignedAsync(
        string path, byte[] body, string contentType, string timestampHeader, string signatureHeader, long? timestamp, Func<long, byte[], string> sign, Uri? endpoint = null)
    {
        var at = timestamp ?? Now();
        return await SendAsync(path, body, contentType, [(timestampHeader, at.ToString(System.Globalization.CultureInfo.InvariantCulture)), (signatureHeader, sign(at, body))], endpoint);
    }

    private Dictionary<string, string> Secrets()
    {
        var secrets = new Dictionary<string, string>
        {
            ["TEST_SLACK_SECRET"] = SlackSecret,
            ["TEST_TICKET_SECRET"] = TicketSecret,
            ["TEST_OTHER_TICKET_SECRET"] = OtherTicketSecret,
            ["TEST_VIEW_TOKEN"] = ViewerToken,
        };
        if (_options.PostgresConnectionString is { } postgres)
        {
            secrets["TEST_POSTGRES"] = postgres;
        }

        return secrets;
    }

    private string ConfigYaml() =>
        $"""
        server:
          workers: {_options.Workers}
          lease: {_options.Lease}
          pollInterval: 100ms
          shutdownGrace: {_options.ShutdownGrace}
          store:
            {(_options.PostgresConnectionString is null ? "sqlite: jobs.db" : "postgres: env:TEST_POSTGRES")}
          slack:
            signingSecret: env:TEST_SLACK_SECRET
            responseUrls: ["{Slack.BaseUrl}"]
          tickets:
            - name: {TicketSource}
              secret: env:TEST_TICKET_SECRET
            - name: other
              secret: env:TEST_OTHER_TICKET_SECRET
          viewers:
            - name: {ViewerName}
              token: env:TEST_VIEW_TOKEN
          groups:
            dba: [slack:{Dba}, slack:{OtherDba}]
            leads: [slack:{Lead}]
          rules:
            - runbooks: [backup]
              targets: ["prod-*"]
              allow: [group:dba, "ticket:{TicketSource}"]
              approvers: [group:leads, "ticket:{TicketSource}"]
            - runbooks: ["*"]
              targets: ["dev-*"]
              allow: ["slack:*", "ticket:{TicketSource}"]
        {_options.ExtraServerYaml}
        """;

    private static IEnumerable<ScriptRunbook> Runbooks() =>
    [
        new("echo", "printf '%s\\n' \"$ECSOPS_PARAM_MESSAGE\"; echo 'a note on stderr' >&2; echo \"$ECSOPS_RUN_ID\" >> \"$LEDGER\"")
        {
            Parameters = new Dictionary<string, string> { ["message"] = "^[A-Za-z0-9 ._<>&\"'=/-]{1,64}$" },
            Defaults = new Dictionary<string, string> { ["message"] = "hello" },
        },
        new("fail", "echo 'about to fail'; exit 3"),
        new("backup", "echo \"backup of $ECSOPS_TARGET: $ECSOPS_PARAM_COMMENT\"; echo \"$ECSOPS_RUN_ID\" >> \"$LEDGER\"")
        {
            Parameters = new Dictionary<string, string> { ["comment"] = "^[A-Za-z0-9 ._-]{0,64}$" },
            Defaults = new Dictionary<string, string> { ["comment"] = "" },
        },
        new("gated", "while [ ! -f \"$GATE\" ]; do sleep 0.05; done; echo \"$ECSOPS_RUN_ID\" >> \"$LEDGER\""),
        new("gated-idempotent", "while [ ! -f \"$GATE\" ]; do sleep 0.05; done; echo \"$ECSOPS_RUN_ID\" >> \"$LEDGER\"") { Idempotent = true },
        new("guarded", "echo guarded") { RequiresApproval = true },
        new("noisy", "head -c 1300000 /dev/zero | tr '\\0' 'x' | fold -w 100"),
    ];
}
