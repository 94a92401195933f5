using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.CloudWatch;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops exec` and the audit trail: events written, fail closed, CloudWatch Logs, the run id in AWS.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class ExecAuditTests(CliSandboxFixture sandbox) : IDisposable
{
    private const string Web = "dev-web/web";
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ecsops-exec-audit-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Exec_Command_StartAndEndRecordedWithExitCodeBytesAndSession()
    {
        using var audit = AuditSetup.WithFile();

        var result = await sandbox.RunAsync([.. audit.Config, "exec", Web, "--reason", "INC-7", "--", "sh", "-c", "printf hello; exit 3"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 3, result.ToString());
        var events = audit.Events();
        Assert.Equal([AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        var (start, end) = (events[0], events[1]);
        Assert.Equal(start.RunId, end.RunId);
        Assert.Equal((AuditActions.Exec, "sh -c 'printf hello; exit 3'", "INC-7"), (start.Action, start.Command, start.Reason));
        Assert.Equal("arn:aws:iam::111111111111:user/sandbox-user", start.Who.Arn);
        Assert.Equal(("111111111111", "dev-web", "app"), (start.Target!.AccountId, start.Target.Cluster, start.Target.Container));
        Assert.Equal((AuditResult.Failed, 3, 5L), (end.Result!.Value, end.ExitCode!.Value, end.BytesReceived!.Value));
        Assert.NotNull(sandbox.Host.Sessions.Find(Assert.Single(end.Sessions!)));
    }

    [Fact]
    public async Task Exec_RunIdReachesTheContainerAndTheExecuteCommandCall()
    {
        using var audit = AuditSetup.WithFile();

        var result = await sandbox.RunAsync([.. audit.Config, "exec", Web, "--", "sh", "-c", "printf %s \"$ECSOPS_RUN_ID\""], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.ToString());
        var end = audit.Events()[^1];
        Assert.Equal(end.RunId, result.StandardOutput);
        var session = sandbox.Host.Sessions.Find(Assert.Single(end.Sessions!))!;
        Assert.EndsWith($" ecsops:{end.RunId}", session.Parameters["command"][0]);
    }

    [Fact]
    public async Task Exec_OnlySinkIsCloudWatchAndItIsUnreachable_CommandNeverRunsAndExits255WithOneLine()
    {
        var marker = Path.Combine(_scratch.FullName, "ran");
        using var audit = AuditSetup.With(UnreachableCloudWatch.Section);
        string[] touch = ["exec", Web, "--", "touch", marker];

        var refused = await sandbox.RunAsync([.. audit.Config, .. touch], UnreachableCloudWatch.Environment());

        Assert.True(refused.ExitCode == 255, refused.ToString());
        var error = Assert.Single(refused.ErrorLines);
        Assert.StartsWith("error: exec did not run: no audit sink stored the start event of run ", error);
        Assert.Contains("cloudwatch /ecsops/audit (us-east-1)", error);
        Assert.Single(refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(marker), "the command ran although its start was not audited");

        // The same command with the trail reachable does create the file, so the check above can fail.
        var allowed = await sandbox.RunAsync([.. audit.Config, .. touch], new Dictionary<string, string>());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task Exec_CloudWatchSink_GroupReceivesStartAndEnd()
    {
        var group = "/ecsops/audit-" + Guid.NewGuid().ToString("N");
        using var audit = AuditSetup.With($"audit:\n  file: false\n  cloudwatch:\n    logGroup: {group}\n    region: us-east-1\n");

        var result = await sandbox.RunAsync([.. audit.Config, "exec", Web, "--", "sh", "-c", "printf %s \"$ECSOPS_RUN_ID\""], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.ToString());
        var logs = sandbox.Clients().CreateLogs("us-east-1", sandbox.DevCredentials);
        var events = new List<AuditEvent>();
        await foreach (var auditEvent in new CloudWatchAuditReader(logs, group).ReadAsync(null, null, CancellationToken.None))
        {
            events.Add(auditEvent);
        }

        Assert.Equal([AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        Assert.All(events, e => Assert.Equal(result.StandardOutput, e.RunId));
        Assert.Equal((AuditResult.Ok, 0), (events[1].Result!.Value, events[1].ExitCode!.Value));
        Assert.False(File.Exists(audit.AuditFile));

        var tail = await sandbox.RunAsync([.. audit.Config, "audit", "tail", "--source", "cloudwatch", "--run", result.StandardOutput], new Dictionary<string, string>());
        Assert.True(tail.ExitCode == 0, tail.ToString());
        Assert.Equal(
            [$" {result.StandardOutput} start exec ", $" {result.StandardOutput} end   exec "],
            tail.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[20..(20 + 39)]));
    }

    [Fact]
    public async Task Exec_EndEventCannotBeWritten_ExitCodeKeptAndWarningOnStderr()
    {
        // Sandbox containers are local processes: the command itself puts a file where the audit directory was, so
        // the start event is stored and the end event cannot be.
        var state = Path.Combine(_scratch.FullName, "state");
        using var audit = AuditSetup.With($"audit:\n  file: {Path.Combine(state, "audit.jsonl")}\n");

        var result = await sandbox.RunAsync(
            [.. audit.Config, "exec", Web, "--", "sh", "-c", $"rm -r '{state}' && touch '{state}' && exit 4"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Empty(result.ErrorLines);
        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(result.StandardError, @"^warning: audit: the end of run [0-9A-Z]{26} was not recorded: no audit sink stored the end event of run [0-9A-Z]{26}: file .*\n$"),
            result.StandardError);
    }
}
