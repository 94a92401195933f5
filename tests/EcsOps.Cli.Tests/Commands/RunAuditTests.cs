using EcsOps.Aws.Audit;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops run` and the audit trail: start and end with the task's run id, fail closed, refusals recorded.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class RunAuditTests(CliSandboxFixture sandbox) : IDisposable
{
    private const string Runbooks = """
        runbooks:
          audited-task:
            target: dev-web/web
            mode: task
            parameters:
              code: { type: integer, min: 0, max: 255, required: true }
              opaque: { type: string, secret: true, required: true }
            command: [sh, -c, 'exit "$1"', sh, "{{code}}", "{{opaque}}"]
          audited-marker:
            target: dev-web/web
            parameters:
              path: { type: string, required: true }
            command: [touch, "{{path}}"]
          audited-approval:
            target: dev-web/web
            approval: required
            command: ["true"]
        """;

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ecsops-run-audit-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Run_TaskMode_StartAndEndCarryTheTasksRunIdTheExitCodeAndMaskTheSecret()
    {
        using var audit = AuditSetup.With("audit:\n  file: {file}\n" + Runbooks);

        var result = await sandbox.RunAsync(
            [.. audit.Config, "run", "audited-task", "code=3", "opaque=hidden-value-61", "--reason", "INC-9", "--yes"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 3, result.ToString());
        var events = audit.Events();
        Assert.Equal([AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        var (start, end) = (events[0], events[1]);
        Assert.Equal(RunbookConfig.RunIdIn(result.StandardError), start.RunId);
        Assert.Equal(start.RunId, end.RunId);
        Assert.Equal((AuditActions.Run, "audited-task", "INC-9"), (start.Action, start.Command, start.Reason));
        Assert.Equal(new Dictionary<string, string> { ["code"] = "3", ["opaque"] = SecretMasker.Mask }, start.Parameters);
        Assert.Equal(("111111111111", "dev-web", "web"), (start.Target!.AccountId, start.Target.Cluster, start.Target.Service));
        Assert.Equal((AuditResult.Failed, 3), (end.Result!.Value, end.ExitCode!.Value));
        Assert.DoesNotContain("hidden-value-61", await File.ReadAllTextAsync(audit.AuditFile));
        var task = Assert.Single(RunbookConfig.TasksOfRun(sandbox, start.RunId));
        Assert.Equal(AuditRunMarkers.StartedBy(AuditRunId.Parse(start.RunId)), task.StartedBy);
    }

    [Fact]
    public async Task Run_OnlySinkIsUnreachable_RunbookNeverRunsAndExits255WithOneLine()
    {
        var marker = Path.Combine(_scratch.FullName, "ran");
        using var audit = AuditSetup.With(UnreachableCloudWatch.Section + Runbooks);
        string[] run = ["run", "audited-marker", "path=" + marker, "--yes"];

        var refused = await sandbox.RunAsync([.. audit.Config, .. run], UnreachableCloudWatch.Environment());

        Assert.True(refused.ExitCode == 255, refused.ToString());
        Assert.StartsWith("error: runbook audited-marker did not run: no audit sink stored the start event of run ", Assert.Single(refused.ErrorLines));
        Assert.False(File.Exists(marker), "the runbook ran although its start was not audited");

        // With the trail reachable the same run does create the file, so the check above can fail.
        var allowed = await sandbox.RunAsync([.. audit.Config, .. run], new Dictionary<string, string>());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task Run_NeedsApproval_RefusalIsRecorded()
    {
        using var audit = AuditSetup.With("audit:\n  file: {file}\n" + Runbooks);

        var result = await sandbox.RunAsync([.. audit.Config, "run", "audited-approval", "--yes"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 77, result.ToString());
        var events = audit.Events();
        Assert.Equal([AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        Assert.Equal((AuditActions.Run, "audited-approval"), (events[0].Action, events[0].Command));
        Assert.Equal((AuditResult.Refused, 77), (events[1].Result!.Value, events[1].ExitCode!.Value));
        Assert.Contains("requires approval", events[1].Error, StringComparison.Ordinal);
    }
}
