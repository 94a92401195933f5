using System.Text.Json;
using Amazon.S3.Model;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops run` as a process against the sandbox: exit codes, output, staging, plans, refusals.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed partial class RunCommandTests(CliSandboxFixture sandbox)
{
    private async Task<CliResult> RunAsync(params string[] arguments)
    {
        var config = await RunbookConfig.EnsureAsync(sandbox);
        return await sandbox.RunAsync(["--config", config, .. arguments]);
    }

    private async Task<EcsOpsProcess> StartAsync(params string[] arguments)
    {
        var config = await RunbookConfig.EnsureAsync(sandbox);
        var process = sandbox.Start(["--config", config, .. arguments], captureStdout: false);
        process.StandardInput.Close();
        return process;
    }

    private string NewDirectory()
    {
        var directory = Path.Combine(sandbox.Home, "run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task Run_ExecMode_CliExitsWithTheRemoteExitCode(int code)
    {
        var result = await RunAsync("run", "exit-with", $"code={code}", "--yes");

        Assert.True(result.ExitCode == code, result.ToString());
        Assert.Equal($"exec says {code}\n", result.StandardOutput);
        Assert.Contains("exec stderr\n", result.StandardError);
        Assert.Empty(result.ErrorLines);
        Assert.Contains($"run {RunbookConfig.RunIdIn(result.StandardError)} finished: exit {code}", result.StandardError);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task Run_TaskMode_CliExitsWithTheContainerExitCodeAndItsLogsOnStdout(int code)
    {
        var result = await RunAsync("run", "task-exit", $"code={code}", "--yes");

        Assert.True(result.ExitCode == code, result.ToString());
        Assert.Contains($"task says {code}\n", result.StandardOutput);
        Assert.Contains("task stderr\n", result.StandardOutput); // awslogs carries both streams
        var runId = RunbookConfig.RunIdIn(result.StandardError);
        var task = Assert.Single(RunbookConfig.TasksOfRun(sandbox, runId));
        Assert.Equal("STOPPED", task.LastStatus);
        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:task-definition/web:3", task.TaskDefinitionArn);
        Assert.Equal(["subnet-0dev0000000000001"], task.Attachments![0].Details!.Where(d => d.Name == "subnetId").Select(d => d.Value));
        Assert.Equal(("FARGATE", "app"), (task.LaunchType, task.Overrides!.ContainerOverrides![0].Name));
        Assert.Equal(["sh", "-c", "echo \"task says $1\"; echo \"task stderr\" >&2; exit \"$1\"", "sh", code.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            task.Overrides.ContainerOverrides[0].Command!);
        Assert.Contains(task.Tags!, t => t.Key == "ecsops:run-id" && t.Value == runId);
        Assert.Contains(task.Tags!, t => t.Key == "ecsops:runbook" && t.Value == "task-exit");
        Assert.Contains($"started task {task.TaskArn}", result.StandardError);
    }

    [Fact]
    public async Task Run_TaskMode_LogLinesArriveWhileTheTaskRuns()
    {
        var directory = NewDirectory();
        await using var process = await StartAsync("run", "task-follow", "dir=" + directory, "--yes");

        // The task only goes on once the test has seen its first line: streaming after the end would hang here.
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(EcsOpsProcess.Deadline);
        await File.WriteAllTextAsync(Path.Combine(directory, "release"), "");
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(EcsOpsProcess.Deadline);
        var result = await process.WaitAsync();

        Assert.Equal("first", first);
        Assert.Equal("second\n", rest);
        Assert.True(result.ExitCode == 7, result.ToString());
    }

    [Fact]
    public async Task Run_TaskModeCommandOver8KiB_StagedInS3AndRunExactly()
    {
        var script = string.Concat(Enumerable.Repeat("$(touch x) 'q' \"dq\" `id`;\n", 400));

        var result = await RunAsync("run", "task-args", "v1=" + script, "v2=short", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(HexLines(script, "--v2=short", ""), result.StandardOutput);
        var runId = RunbookConfig.RunIdIn(result.StandardError);
        Assert.Contains($"staging   s3://{RunbookConfig.StagingBucket}/runbooks/task-args-{runId}.sh", result.StandardError);
        var command = Assert.Single(RunbookConfig.TasksOfRun(sandbox, runId)).Overrides!.ContainerOverrides![0].Command!;
        Assert.Equal(["/bin/sh", "-c"], command.Take(2));
        Assert.Contains($"s3://{RunbookConfig.StagingBucket}/runbooks/task-args-{runId}.sh", command);
        using var s3 = RunbookConfig.S3(sandbox);
        var staged = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = RunbookConfig.StagingBucket, Prefix = $"runbooks/task-args-{runId}" });
        Assert.Empty(staged.S3Objects ?? []);
    }

    [Fact]
    public async Task Run_TypedParameters_ValidValuesAndDefaultsReachTheCommand()
    {
        var result = await RunAsync("run", "typed", "name=orders", "count=007", "level=high", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("orders 7 high backups/latest.dump 1s\n", result.StandardOutput);
    }

    [Theory]
    [InlineData("no-such-runbook", "no runbook named 'no-such-runbook' (runbooks: args, exit-with")]
    [InlineData("exit-with code=1 colour=blue", "runbook exit-with has no parameter 'colour' (it takes: code)")]
    [InlineData("exit-with", "runbook exit-with needs code=…")]
    [InlineData("exit-with code=seven", "parameter 'code' (integer): 'seven' is not a whole number")]
    [InlineData("exit-with code=256", "is not between 0 and 255")]
    [InlineData("typed name=Orders;rm", "parameter 'name' (string): 'Orders;rm' does not match the pattern [a-z][a-z0-9_]*")]
    [InlineData("typed name=a level=medium", "'medium' is not one of: low, high")]
    [InlineData("typed name=a key=../etc/passwd", "segments")]
    [InlineData("typed name=a wait=soon", "is not a duration")]
    [InlineData("exit-with code", "'code' is not a parameter: write name=value")]
    [InlineData("exit-with code=1 --timeout forever", "--timeout 'forever' is not a duration")]
    public async Task Run_BadRequest_Exits2WithOneLineAndRunsNothing(string arguments, string expected)
    {
        var result = await RunAsync(["run", .. arguments.Split(' '), "--yes"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains(expected, error);
        Assert.Empty(result.StandardOutputBytes);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.DoesNotContain("run ", result.StandardError.Split('\n').Where(l => !l.StartsWith("error:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_ValueLongerThanAllowed_Exits2()
    {
        var result = await RunAsync("run", "args", "v1=" + new string('x', 40_000), "--yes");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("at most 32768 are allowed", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Run_NeedsApproval_Exits77PointingAtServe_DryRunStillShowsThePlan()
    {
        var refused = await RunAsync("run", "needs-approval", "--yes");
        var planned = await RunAsync("run", "needs-approval", "--dry-run");

        Assert.True(refused.ExitCode == 77, refused.ToString());
        Assert.Contains("ecsops serve", Assert.Single(refused.ErrorLines));
        Assert.True(planned.ExitCode == 0, planned.ToString());
        Assert.Contains("approval  required", planned.StandardOutput);
    }

    [Fact]
    public async Task Run_TaskThatCannotStart_Exits255WithOneLineSayingWhy()
    {
        var result = await RunAsync("run", "task-broken", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("stopped without an exit code for container app", error);
        Assert.Contains("TaskFailedToStart", error);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Run_TargetMatchesNothing_Exits255()
    {
        var result = await RunAsync("run", "exit-with", "code=0", "--target", "no-such-cluster/web", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.Contains("no running container matches no-such-cluster/web", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Run_InvalidRunbookInConfig_OneLineWithFileLineAndColumn()
    {
        var directory = NewDirectory();
        var config = Path.Combine(directory, "ecsops.yaml");
        await File.WriteAllTextAsync(config, "runbooks:\n  broken:\n    command: [echo, \"{{missing}}\"]\n");

        var result = await sandbox.RunAsync("--config", config, "run", "broken", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.StartsWith($"error: {config}:3:21: command uses {{{{missing}}}}", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Runbooks_Json_ListsEveryRunbookWithItsParameters()
    {
        var result = await RunAsync("runbooks", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.StandardOutput);
        var runbooks = document.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Contains("task-exit", runbooks.Keys);
        Assert.Equal("task", runbooks["task-exit"].GetProperty("mode").GetString());
        var typed = runbooks["typed"].GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("[a-z][a-z0-9_]*", typed["name"].GetProperty("pattern").GetString());
        Assert.True(typed["name"].GetProperty("required").GetBoolean());
        Assert.Equal(["low", "high"], typed["level"].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("hold:{{name}}", runbooks["hold"].GetProperty("lock").GetString());
    }

    [Fact]
    public async Task Runbooks_Table_OneRowPerRunbook()
    {
        var result = await RunAsync("runbooks");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("exit-with", StringComparison.Ordinal) && r.Contains("code: integer, required", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("needs-approval", StringComparison.Ordinal) && r.Contains("exec (approval)", StringComparison.Ordinal));
    }

    /// <summary>What <see cref="RunbookConfig.PrintArgvHex"/> prints for these arguments.</summary>
    private static string HexLines(params string[] arguments) =>
        string.Concat(arguments.Select(a => System.Text.Encoding.UTF8.GetBytes(a)).Select(bytes => "ARG "
            + (bytes.Length < 4096 ? Convert.ToHexStringLower(bytes) : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)))
            + "\n"));
}
