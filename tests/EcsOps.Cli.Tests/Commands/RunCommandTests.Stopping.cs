using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>Runs stopped before their end: by the timeout, by Ctrl-C. A task is stopped with StopTask and a reason.</summary>
public sealed partial class RunCommandTests
{
    private const int Sigint = 2;

    [Fact]
    public async Task Run_TaskModeTimeout_TaskStoppedWithAReasonAndCliExits124()
    {
        var directory = NewDirectory(); // never released

        var result = await RunAsync("run", "task-follow", "dir=" + directory, "--timeout", "2s", "--yes");

        Assert.True(result.ExitCode == 124, result.ToString());
        Assert.Equal("first\n", result.StandardOutput);
        var task = Assert.Single(RunbookConfig.TasksOfRun(sandbox, RunbookConfig.RunIdIn(result.StandardError)));
        Assert.Equal("STOPPED", task.LastStatus);
        Assert.Equal(("UserInitiated", $"ecsops run {RunbookConfig.RunIdIn(result.StandardError)}: timed out after 2s"), (task.StopCode, task.StoppedReason));
        Assert.Contains("timed out after 2s: exit 124", result.StandardError);
    }

    [Fact]
    public async Task Run_TaskModeCtrlC_TaskStoppedAndCliExits130()
    {
        var directory = NewDirectory(); // never released
        await using var process = await StartAsync("run", "task-follow", "dir=" + directory, "--yes");
        Assert.Equal("first", await process.StandardOutput.ReadLineAsync().WaitAsync(EcsOpsProcess.Deadline));

        process.Signal(Sigint);
        var result = await process.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        var runId = RunbookConfig.RunIdIn(result.StandardError);
        var task = Assert.Single(RunbookConfig.TasksOfRun(sandbox, runId));
        Assert.Equal("STOPPED", task.LastStatus);
        Assert.StartsWith($"ecsops run {runId}: interrupted by arn:aws:iam::111111111111:user/sandbox-user", task.StoppedReason);
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Run_ExecModeTimeout_CliExits124()
    {
        var directory = NewDirectory(); // never released

        var result = await RunAsync("run", "hold", "name=t" + Guid.NewGuid().ToString("N")[..8], "dir=" + directory, "--timeout", "2s", "--yes");

        Assert.True(result.ExitCode == 124, result.ToString());
        Assert.True(File.Exists(Path.Combine(directory, "started")));
        Assert.Contains("timed out after 2s", result.StandardError);
    }
}
