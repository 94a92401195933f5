using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// `ecsops serve` as a process: a signed ticket webhook runs a runbook of ecsops.yaml through the runbook engine in a
/// sandbox container (ECS Exec with the service's own credentials), and the run's exit code and output come back
/// from GET /runs/{id}; SIGTERM or SIGINT stops it in order, with exit 0; a bad server section is one error line.
/// </summary>
[Collection(CliSandboxCollection.Name)]
public sealed class ServeCommandTests(CliSandboxFixture sandbox)
{
    private const string TicketSecret = "ticket-secret-for-the-serve-test";
    private const string ViewerToken = "viewer-token-for-the-serve-test";

    [Fact]
    public async Task Serve_TicketRunsARunbookInASandboxContainer_StatusHasExitCodeAndOutput_SigtermStops()
    {
        var directory = Directory.CreateTempSubdirectory("ecsops-serve-").FullName;
        var config = Path.Combine(directory, "ecsops.yaml");
        await File.WriteAllTextAsync(config, $"""
            runbooks:
              greet:
                target: dev-web/web
                parameters:
                  name: {"{"} type: string, pattern: "[a-z]+", required: true {"}"}
                  code: {"{"} type: integer, min: 0, max: 255, default: "0" {"}"}
                command: [sh, -c, 'echo "hello $1"; echo "to stderr" >&2; exit "$2"', sh, "{"{{"}name{"}}"}", "{"{{"}code{"}}"}"]

            """ + ServerYaml("greet"));
        await using var serve = sandbox.Start(["serve", "--port", "0", "--config", config], captureStdout: false, Secrets);
        var endpoint = await ListeningAtAsync(serve);
        using var http = new HttpClient();

        var runId = await SubmitAsync(http, endpoint, """{"runbook":"greet","target":"dev-web/web","parameters":{"name":"world","code":"3"},"ticketId":"CHG-1","requester":"alice"}""");
        var run = await WaitForEndAsync(http, endpoint, runId);

        Assert.Equal("failed", run["state"]!.ToString());
        Assert.Equal(3, (int)run["exitCode"]!);
        var output = run["output"]!.ToString().Split('\n');
        Assert.Contains("hello world", output);
        Assert.Contains("to stderr", output);
        Assert.Contains(output, line => line.StartsWith("[ecsops: greet on 111111111111/us-east-1/dev-web/web", StringComparison.Ordinal));

        serve.Signal(15);
        var result = await serve.WaitAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.ErrorLines);
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// What a service manager sees: a signal while a run is going stops the service in order, and that is exit 0, both
    /// when the run finishes within server.shutdownGrace and when it is stopped after it (then it ends interrupted, as
    /// the next start of the service shows).
    /// </summary>
    [Theory]
    [InlineData(15, "60s", "succeeded")]
    [InlineData(2, "200ms", "interrupted")]
    public async Task Serve_SignalWhileARunRuns_StopsInOrderAndExitsZero(int signal, string shutdownGrace, string runEnds)
    {
        var directory = Directory.CreateTempSubdirectory("ecsops-serve-").FullName;
        var config = Path.Combine(directory, "ecsops.yaml");
        var started = Path.Combine(directory, "started");
        var release = Path.Combine(directory, "release");
        await File.WriteAllTextAsync(config, $"""
            runbooks:
              slow:
                target: dev-web/web
                command: [sh, -c, 'touch "$1"; while [ ! -f "$2" ]; do sleep 0.05; done; echo finished', sh, "{started}", "{release}"]

            """ + ServerYaml("slow", $"shutdownGrace: {shutdownGrace}"));
        using var http = new HttpClient();
        string runId;
        await using (var serve = sandbox.Start(["serve", "--port", "0", "--config", config], captureStdout: false, Secrets))
        {
            var endpoint = await ListeningAtAsync(serve);
            runId = await SubmitAsync(http, endpoint, """{"runbook":"slow","target":"dev-web/web","ticketId":"CHG-2","requester":"alice"}""");
            await WaitForFileAsync(started);

            serve.Signal(signal);
            if (runEnds == "succeeded")
            {
                // The service is now waiting for the run (shutdownGrace is long): let it finish.
                await File.WriteAllTextAsync(release, "");
            }

            var result = await serve.WaitAsync();
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Empty(result.ErrorLines);
            Assert.Contains("ecsops serve stopped", result.StandardError);
        }

        await using (var again = sandbox.Start(["serve", "--port", "0", "--config", config], captureStdout: false, Secrets))
        {
            var run = await WaitForEndAsync(http, await ListeningAtAsync(again), runId);
            Assert.Equal(runEnds, run["state"]!.ToString());
            Assert.Equal(runEnds == "succeeded", run["output"]!.ToString().Split('\n').Contains("finished"));
            again.Signal(15);
            Assert.Equal(0, (await again.WaitAsync()).ExitCode);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Serve_SecretWrittenIntoTheFile_OneErrorLineWithFileAndLine()
    {
        var directory = Directory.CreateTempSubdirectory("ecsops-serve-").FullName;
        var config = Path.Combine(directory, "ecsops.yaml");
        await File.WriteAllTextAsync(config, "server:\n  slack:\n    signingSecret: 8f742231b10e8888abcd99yyyzzz85a5\n");

        var result = await sandbox.RunAsync("serve", "--port", "0", "--config", config);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Equal($"error: {config}:3:20: signingSecret must be a reference to a secret, env:NAME or arn:aws:secretsmanager:…, never the secret itself", error);
        Assert.DoesNotContain("   at ", result.StandardError);
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The server section: the desk ticket system may run <paramref name="runbook"/> on dev-web, the ops viewer reads runs.</summary>
    private static string ServerYaml(string runbook, string setting = "pollInterval: 100ms") => $"""
        server:
          {setting}
          store:
            sqlite: jobs.db
          tickets:
            - name: desk
              secret: env:TEST_TICKET_SECRET
          viewers:
            - name: ops
              token: env:TEST_VIEWER_TOKEN
          rules:
            - runbooks: [{runbook}]
              targets: ["dev-web/*"]
              allow: [ticket:desk]
        """;

    private static Dictionary<string, string> Secrets => new() { ["TEST_TICKET_SECRET"] = TicketSecret, ["TEST_VIEWER_TOKEN"] = ViewerToken };

    private static async Task<Uri> ListeningAtAsync(EcsOpsProcess serve)
    {
        var listening = await serve.StandardOutput.ReadLineAsync().WaitAsync(EcsOpsProcess.Deadline);
        Assert.NotNull(listening);
        var start = listening!.IndexOf("http://", StringComparison.Ordinal);
        return new Uri(listening[start..listening.IndexOf(' ', start)]);
    }

    private static async Task WaitForFileAsync(string path)
    {
        using var deadline = new CancellationTokenSource(EcsOpsProcess.Deadline);
        while (!File.Exists(path))
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<string> SubmitAsync(HttpClient http, Uri endpoint, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "hooks/tickets")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-EcsOps-Timestamp", timestamp);
        request.Headers.Add("X-EcsOps-Signature",
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TicketSecret), (byte[])[.. Encoding.ASCII.GetBytes(timestamp + "."), .. body])));
        using var response = await http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, content);
        return JsonNode.Parse(content)!["runId"]!.ToString();
    }

    private static async Task<JsonObject> WaitForEndAsync(HttpClient http, Uri endpoint, string runId)
    {
        using var deadline = new CancellationTokenSource(EcsOpsProcess.Deadline);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "runs/" + runId));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ViewerToken);
            using var response = await http.SendAsync(request, deadline.Token);
            var run = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token))!.AsObject();
            if (run["state"]!.ToString() is "succeeded" or "failed" or "interrupted")
            {
                return run;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
