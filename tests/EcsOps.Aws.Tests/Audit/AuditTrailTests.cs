using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.CloudWatch;
using EcsOps.Aws.Audit.Jsonl;
using EcsOps.Aws.Http;
using EcsOps.Aws.Logs;
using EcsOps.Aws.Logs.Model;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Audit;

/// <summary>The trail over real sinks: the file, CloudWatch Logs in the sandbox, and CloudWatch at a closed port.</summary>
[Collection(SandboxCollection.Name)]
public sealed class AuditTrailTests(SandboxFixture sandbox) : IDisposable
{
    private static readonly AuditActor s_alice = new("arn:aws:iam::111111111111:user/alice", "111111111111", "AIDAALICE");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ecsops-trail-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string FilePath => Path.Combine(_directory.FullName, "audit.jsonl");

    private LogsClient SandboxLogs() => sandbox.Factory().CreateLogs("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));

    private static CloudWatchAuditSink Sink(LogsClient client, string group) => new(_ => Task.FromResult(client), group, "us-east-1");

    private static CloudWatchAuditSink UnreachableSink()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();
        var logs = TestEnvironment.Factory(closed, new RetryOptions { MaxAttempts = 1 }).CreateLogs("us-east-1", TestEnvironment.Credentials());
        return Sink(logs, "/ecsops/audit");
    }

    private static AuditTrail Trail(IReadOnlyList<IAuditSink> sinks, bool requireAll = false, List<string>? warnings = null) =>
        new(sinks, _ => Task.FromResult(s_alice), new AuditTrailOptions { Client = "tests", RequireAllSinks = requireAll, Warn = warnings is null ? null : warnings.Add });

    private static AuditStart ExecStart => new()
    {
        Action = AuditActions.Exec,
        Command = "psql postgres://app:hunter2@db/app",
        Parameters = new Dictionary<string, string> { ["password"] = "hunter2", ["comment"] = "pre-release" },
        Target = new AuditTarget { AccountId = "111111111111", Region = "us-east-1", Cluster = "dev-web", Container = "app" },
        Reason = "INC-7",
        Requester = "slack:U42",
    };

    [Fact]
    public async Task BeginThenEnd_FileSink_StartAndEndWithOutcomeSecretsMasked()
    {
        var trail = Trail([new JsonlAuditFile(FilePath)]);

        var run = await trail.BeginAsync(ExecStart, CancellationToken.None);
        run.AddSession("alice-0123456789abcdef0");
        run.AddBytes(10, 2048);
        await run.EndAsync(AuditOutcome.FromExitCode(3), CancellationToken.None);

        var (lines, _, _) = AuditFileReader.Read(FilePath);
        var start = lines[0].Event!;
        var end = lines[1].Event!;
        Assert.Equal(run.RunId.Value, start.RunId);
        Assert.Equal(start.RunId, end.RunId);
        Assert.Equal((AuditPhase.Start, AuditPhase.End), (start.Phase, end.Phase));
        Assert.Equal("psql postgres://app:***@db/app", start.Command);
        Assert.Equal("***", start.Parameters!["password"]);
        Assert.Equal("slack:U42", end.Who.Requester);
        Assert.Equal(s_alice.Arn, end.Who.Arn);
        Assert.Equal((AuditResult.Failed, 3, 10L, 2048L), (end.Result!.Value, end.ExitCode!.Value, end.BytesSent!.Value, end.BytesReceived!.Value));
        Assert.Equal(["alice-0123456789abcdef0"], end.Sessions!);
        Assert.DoesNotContain("hunter2", File.ReadAllText(FilePath));
        Assert.Equal($"ecsops:{run.RunId} INC-7", run.SsmReason);
    }

    [Fact]
    public async Task Begin_CloudWatchSink_GroupAndStreamCreatedAndEventsReadBack()
    {
        var group = "/ecsops/audit-" + Guid.NewGuid().ToString("N");
        var logs = SandboxLogs();
        var trail = Trail([Sink(logs, group)]);

        var run = await trail.BeginAsync(ExecStart, CancellationToken.None);
        await run.EndAsync(AuditOutcome.Ok(), CancellationToken.None);

        var events = new List<AuditEvent>();
        await foreach (var auditEvent in new CloudWatchAuditReader(logs, group).ReadAsync(null, null, CancellationToken.None))
        {
            events.Add(auditEvent);
        }

        Assert.Equal([AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        Assert.All(events, e => Assert.Equal(run.RunId.Value, e.RunId));
        Assert.Equal(AuditResult.Ok, events[1].Result);
        var streams = await logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = group }, CancellationToken.None);
        Assert.Equal(CloudWatchAuditSink.StreamName(run.Start), Assert.Single(streams.LogStreams).LogStreamName);
    }

    [Fact]
    public async Task Begin_OnlySinkUnreachable_ThrowsNamingTheSinkAndNothingRuns()
    {
        var trail = Trail([UnreachableSink()]);

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.BeginAsync(ExecStart, CancellationToken.None));

        Assert.Equal(AuditPhase.Start, error.Phase);
        Assert.StartsWith("no audit sink stored the start event of run ", error.Message);
        Assert.Contains("cloudwatch /ecsops/audit (us-east-1): ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Begin_OneOfTwoSinksUnreachable_RunsAndWarns()
    {
        var warnings = new List<string>();
        var trail = Trail([UnreachableSink(), new JsonlAuditFile(FilePath)], warnings: warnings);

        var run = await trail.BeginAsync(ExecStart, CancellationToken.None);

        Assert.Equal(run.RunId.Value, Assert.Single(AuditFileReader.Read(FilePath).Lines).Event!.RunId);
        Assert.Contains("cloudwatch /ecsops/audit", Assert.Single(warnings));
    }

    [Fact]
    public async Task Begin_RequireAllAndOneSinkUnreachable_Throws()
    {
        var trail = Trail([UnreachableSink(), new JsonlAuditFile(FilePath)], requireAll: true);

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.BeginAsync(ExecStart, CancellationToken.None));

        Assert.Contains("not every audit sink stored", error.Message);
    }

    [Fact]
    public async Task End_Twice_Refused()
    {
        var run = await Trail([new JsonlAuditFile(FilePath)]).BeginAsync(ExecStart, CancellationToken.None);
        await run.EndAsync(AuditOutcome.Ok(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.EndAsync(AuditOutcome.Ok(), CancellationToken.None));
    }

    [Fact]
    public async Task Event_Json_UsesTheDocumentedFieldNames()
    {
        var run = await Trail([new JsonlAuditFile(FilePath)]).BeginAsync(ExecStart, CancellationToken.None);
        await run.EndAsync(AuditOutcome.Interrupted(130), CancellationToken.None);

        using var end = JsonDocument.Parse(File.ReadAllLines(FilePath)[1]);
        var names = end.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(
            ["seq", "prev", "schema", "runId", "phase", "time", "who", "action", "command", "parameters", "target", "reason", "client", "result", "exitCode", "durationMs"],
            names);
        Assert.Equal("end", end.RootElement.GetProperty("phase").GetString());
        Assert.Equal("interrupted", end.RootElement.GetProperty("result").GetString());
    }
}
