using System.Text.Json;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.Jsonl;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops audit tail` and `ecsops audit verify` on a real audit file.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class AuditCommandTests(CliSandboxFixture sandbox)
{
    private static readonly DateTimeOffset s_base = DateTimeOffset.UtcNow.AddHours(-3);

    private static AuditEvent Event(int n, AuditPhase phase) => new()
    {
        RunId = AuditRunId.Create(s_base.AddMinutes(n), new byte[10]).Value,
        Phase = phase,
        Time = s_base.AddMinutes(n),
        Who = new AuditActor("arn:aws:iam::111111111111:user/alice", "111111111111"),
        Action = AuditActions.Exec,
        Command = $"echo {n}",
        Result = phase == AuditPhase.End ? AuditResult.Ok : null,
        ExitCode = phase == AuditPhase.End ? 0 : null,
    };

    private static async Task WriteAsync(AuditSetup audit, int runs)
    {
        var file = new JsonlAuditFile(audit.AuditFile);
        for (var n = 0; n < runs; n++)
        {
            await file.AppendAsync(Event(n * 60, AuditPhase.Start), CancellationToken.None);
            await file.AppendAsync(Event(n * 60, AuditPhase.End), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Verify_IntactFile_Exit0()
    {
        using var audit = AuditSetup.WithFile();
        await WriteAsync(audit, 3);

        var result = await sandbox.RunAsync([.. audit.Config, "audit", "verify"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("ok: 6 entries from ", result.StandardOutput);
    }

    [Fact]
    public async Task Verify_EditedEntry_Exit1NamingLineAndRun()
    {
        using var audit = AuditSetup.WithFile();
        await WriteAsync(audit, 3);
        var lines = File.ReadAllLines(audit.AuditFile);
        lines[2] = lines[2].Replace("echo 60", "echo 61", StringComparison.Ordinal);
        File.WriteAllLines(audit.AuditFile, lines);

        var result = await sandbox.RunAsync([.. audit.Config, "audit", "verify"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"line 3 (run {Event(60, AuditPhase.Start).RunId}): was changed after it was written (line 4 holds a different hash of it)\n", result.StandardOutput);
        Assert.Contains("has been tampered with: 1 problem(s), the first at line 3", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Verify_DeletedEntryAsJson_ReportsTheFinding()
    {
        using var audit = AuditSetup.WithFile();
        await WriteAsync(audit, 2);
        File.WriteAllLines(audit.AuditFile, File.ReadAllLines(audit.AuditFile).Where((_, i) => i != 1));

        var result = await sandbox.RunAsync([.. audit.Config, "audit", "verify", "--output", "json"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 1, result.ToString());
        using var report = JsonDocument.Parse(result.StandardOutput);
        Assert.False(report.RootElement.GetProperty("intact").GetBoolean());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
        Assert.Contains("missing", finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Tail_Since_OnlyLaterEventsAsTextAndJson()
    {
        using var audit = AuditSetup.WithFile();
        await WriteAsync(audit, 3);

        var text = await sandbox.RunAsync([.. audit.Config, "audit", "tail", "--since", "90m"], new Dictionary<string, string>());
        var json = await sandbox.RunAsync([.. audit.Config, "audit", "tail", "--since", s_base.AddMinutes(60).ToString("o"), "--output", "json"], new Dictionary<string, string>());

        Assert.True(text.ExitCode == 0, text.ToString());
        var lines = text.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ {Event(120, AuditPhase.Start).RunId} start exec alice ""echo 120""$", lines[0]);
        Assert.EndsWith(" end   exec alice ok exit=0", lines[1]);
        var events = json.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize(l, AuditJsonContext.Default.AuditEvent)!).ToList();
        Assert.Equal([Event(60, AuditPhase.Start).RunId, Event(60, AuditPhase.Start).RunId, Event(120, AuditPhase.Start).RunId, Event(120, AuditPhase.Start).RunId], events.Select(e => e.RunId));
    }

    [Fact]
    public async Task Tail_BadSince_UsageError()
    {
        var result = await sandbox.RunAsync("audit", "tail", "--since", "yesterday");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--since must be a duration", result.ErrorLines[0]);
    }

    [Fact]
    public async Task Tail_Follow_PrintsEventsAppendedLater()
    {
        using var audit = AuditSetup.WithFile();
        await WriteAsync(audit, 1);
        await using var tail = sandbox.Start([.. audit.Config, "audit", "tail", "--follow"], captureStdout: false);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        Assert.Contains(" start exec ", await tail.StandardOutput.ReadLineAsync(deadline.Token));
        Assert.Contains(" end   exec ", await tail.StandardOutput.ReadLineAsync(deadline.Token));
        await new JsonlAuditFile(audit.AuditFile).AppendAsync(Event(500, AuditPhase.Start), CancellationToken.None);
        var later = await tail.StandardOutput.ReadLineAsync(deadline.Token);

        Assert.Contains($" {Event(500, AuditPhase.Start).RunId} start exec ", later);
    }
}
