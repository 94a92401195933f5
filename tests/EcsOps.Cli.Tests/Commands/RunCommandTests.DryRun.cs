using System.Text.Json;
using Amazon.S3.Model;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>--dry-run shows the whole plan and starts nothing: no command, no task, no lock.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public async Task Run_DryRunExecMode_PrintsThePlanOnStdoutAndRunsNothing()
    {
        var directory = NewDirectory();
        var scope = "d" + Guid.NewGuid().ToString("N")[..8];

        var result = await RunAsync("run", "hold", "name=" + scope, "dir=" + directory, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        Assert.Matches("^run +[0-9A-Z]{26}$", lines[0]);
        Assert.Contains("runbook   hold: Holds its lock until released", lines);
        Assert.Contains("mode      exec: in the running container, over ECS Exec", lines);
        Assert.Contains("target    111111111111 (111111111111) / us-east-1 / dev-web / web / task 11111111111111111111111111111111 / app", lines);
        Assert.Contains($"command   sh -c 'touch \"$1/started\"; while [ ! -e \"$1/release\" ]; do sleep 0.05; done; echo released' sh {directory}", lines);
        Assert.Contains("timeout   1h", lines);
        Assert.Contains($"lock      hold:{scope} (s3://{RunbookConfig.LocksBucket}/locks/hold:{scope})", lines);
        Assert.Contains("dry run: nothing was started", lines);
        Assert.False(File.Exists(Path.Combine(directory, "started")), "the dry run ran the command");
        using var s3 = RunbookConfig.S3(sandbox);
        var locks = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = RunbookConfig.LocksBucket, Prefix = "locks/hold:" + scope });
        Assert.Empty(locks.S3Objects ?? []);
    }

    [Fact]
    public async Task Run_DryRunTaskModeJson_PlanAndNoTaskStarted()
    {
        var marker = Path.Combine(NewDirectory(), "touched");

        var result = await RunAsync("run", "task-marker", "file=" + marker, "--dry-run", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var plan = JsonDocument.Parse(result.StandardOutput);
        var root = plan.RootElement;
        var runId = root.GetProperty("runId").GetString()!;
        Assert.Equal(("task-marker", "task"), (root.GetProperty("runbook").GetString(), root.GetProperty("mode").GetString()));
        Assert.Equal(["touch", marker], root.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:task-definition/web:3", root.GetProperty("taskDefinition").GetString());
        var target = root.GetProperty("target");
        Assert.Equal(("111111111111", "us-east-1", "dev-web", "web", "app"),
            (target.GetProperty("account").GetString(), target.GetProperty("region").GetString(), target.GetProperty("cluster").GetString(),
             target.GetProperty("service").GetString(), target.GetProperty("container").GetString()));
        Assert.Empty(RunbookConfig.TasksOfRun(sandbox, runId));
        Assert.False(File.Exists(marker), "the dry run ran the command");
    }
}
