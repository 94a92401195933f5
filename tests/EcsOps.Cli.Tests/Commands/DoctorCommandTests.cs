using System.Text.Json;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops doctor` on the default world: one line per check, fixes, JSON, exit 0 / 1 / 255.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class DoctorCommandTests(CliSandboxFixture sandbox)
{
    [Fact]
    public async Task Doctor_WorkerWithExecDisabled_FailLineWithTheFixAndExit1()
    {
        var result = await sandbox.RunAsync("doctor", "dev-web/worker");

        Assert.True(result.ExitCode == 1, result.ToString());
        var fail = Assert.Single(Lines(result), l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains("ECS Exec enabled on the task", fail, StringComparison.Ordinal);
        Assert.Contains("Fix: aws ecs update-service --cluster dev-web --region us-east-1 --service worker --enable-execute-command --force-new-deployment", fail, StringComparison.Ordinal);
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Doctor_Web_NoCheckFailsAndExit0()
    {
        var result = await sandbox.RunAsync("doctor", "dev-web/web");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PASS  ExecuteCommandAgent: RUNNING", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PASS  session log bucket: s3://ecsops-exec-logs-dev exists", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PASS  agent reaches ssmmessages", StringComparison.Ordinal) && l.Contains("NAT gateway", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PASS  you may call ecs:ExecuteCommand", StringComparison.Ordinal));

        // The task role cannot be read through IAM here: a warning that says so and how to check, never a pass.
        Assert.Contains(lines, l => l.StartsWith("WARN  task role permissions: unknown", StringComparison.Ordinal) && l.Contains("simulate-principal-policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_JsonOutput_EveryCheckWithStatusAndFix()
    {
        var result = await sandbox.RunAsync("doctor", "dev-web/worker", "--output", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var report = JsonDocument.Parse(result.StandardOutputBytes).RootElement;
        Assert.False(report.GetProperty("ok").GetBoolean());
        Assert.Equal("worker", report.GetProperty("target").GetProperty("service").GetString());
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("fail", checks["exec-enabled"].GetProperty("status").GetString());
        Assert.Contains("--enable-execute-command", checks["exec-enabled"].GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("pass", checks["task-status"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, checks["task-status"].GetProperty("fix").ValueKind);

        // Without exec enabled there is no agent to report on.
        Assert.False(checks.ContainsKey("exec-agent"));
    }

    [Fact]
    public async Task Doctor_UnknownSelector_Exits255WithOneErrorLine()
    {
        var result = await sandbox.RunAsync("doctor", "no-such-cluster");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("no-such-cluster", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutputBytes);
    }

    private static List<string> Lines(CliResult result) => result.StandardOutput.Split('\n').ToList();
}
