using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using EcsOps.Cli.Tests.Support;
using EcsOps.Runbooks.Parameters;
using EcsOps.TestSupport;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// Secret parameters reach the command's arguments byte for byte but not the ExecuteCommand request (which CloudTrail
/// records), not the command line or environment of any process around the command, and in task mode not RunTask's
/// overrides (which CloudTrail and DescribeTasks show).
/// </summary>
public sealed partial class RunCommandTests
{
    /// <summary>A hostile secret (MARKER becomes a file that must never exist) and one cut to the longest length allowed.</summary>
    public static TheoryData<string> SecretValues() =>
    [
        "s3cr3t 'q' \"dq\" $(touch MARKER) `touch MARKER`; \\ \n\nR0 X0 0\n žluť 🐴\n",
        string.Concat(Enumerable.Repeat("x'\"$(touch MARKER)`;\n\\ é", 2048)),
    ];

    [Theory]
    [MemberData(nameof(SecretValues))]
    public async Task Run_ExecModeSecret_ReachesItsArgumentsButNotTheRequestNorAnyOtherProcess(string template)
    {
        var (marker, _) = Markers();
        var secret = template.Replace("MARKER", marker, StringComparison.Ordinal);
        secret = secret[..Math.Min(secret.Length, ParameterDefinition.DefaultMaxLength)];
        var stdin = RandomNumberGenerator.GetBytes(200_000);
        var config = await RunbookConfig.EnsureAsync(sandbox);
        var sessionsBefore = sandbox.Host.Sessions.All().Count;

        var result = await sandbox.RunAsync(
            ["--config", config, "run", "secret-probe", "token=" + secret, "plain=shown $(x)", "--yes"], new MemoryStream(stdin));

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ProcessProbe.Parse(result.StandardOutput);
        Assert.Equal(["--token=" + secret + "!", secret, "shown $(x)"], report.Arguments);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stdin)), report.StdinSha256);
        Assert.Empty(report.PlacesShowing(secret, exceptOwnArguments: true));
        Assert.Equal([$"command line of pid {report.Processes[0].Pid}"], report.PlacesShowing(secret, exceptOwnArguments: false));
        Assert.Contains(report.Processes.Skip(1), p => ExecuteCommandScript.TryDecode(System.Text.Encoding.UTF8.GetString(p.CommandLine), out _));
        var scripts = sandbox.Host.Sessions.All().Skip(sessionsBefore).Select(s => ExecuteCommandScript.Decode(s.Parameters["command"].Single())).ToList();
        var script = Assert.Single(scripts, s => s.Contains("'--token='\"${ecsops_s0}\"'!'", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, script, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "a secret ran as a command");
    }

    [Fact]
    public async Task Run_TaskModeSecret_StagedSoNeitherRunTaskNorDescribeTasksShowsIt()
    {
        var (marker, _) = Markers();
        var distinct = "tok-" + Guid.NewGuid().ToString("N");
        var secret = $"{distinct} '\"$(touch {marker})`;\n";

        var result = await RunAsync("run", "task-secret", "token=" + secret, "plain=shown", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(HexLines("--token=" + secret, "shown"), result.StandardOutput);
        var runId = RunbookConfig.RunIdIn(result.StandardError);
        Assert.Contains($"staging   s3://{RunbookConfig.StagingBucket}/runbooks/task-secret-{runId}.sh (it holds secret values", result.StandardError);
        var task = Assert.Single(RunbookConfig.TasksOfRun(sandbox, runId));
        var command = task.Overrides!.ContainerOverrides![0].Command!;
        Assert.Contains($"s3://{RunbookConfig.StagingBucket}/runbooks/task-secret-{runId}.sh", command);
        Assert.DoesNotContain(distinct, JsonSerializer.Serialize(task), StringComparison.Ordinal);
        Assert.DoesNotContain(distinct, result.StandardError, StringComparison.Ordinal);
        using var s3 = RunbookConfig.S3(sandbox);
        var staged = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = RunbookConfig.StagingBucket, Prefix = $"runbooks/task-secret-{runId}" });
        Assert.Empty(staged.S3Objects ?? []);
        Assert.False(File.Exists(marker), "a secret ran as a command");
    }

    [Fact]
    public async Task Run_TaskModeSecretWithoutStaging_RunsWithAWarningThatRunTaskShowsIt()
    {
        var config = Path.Combine(NewDirectory(), "ecsops.yaml");
        await File.WriteAllTextAsync(config, """
            runbooks:
              unstaged-secret:
                target: dev-web/web
                mode: task
                parameters:
                  token: { type: string, secret: true, required: true }
                command: [sh, -c, 'echo "got $1"', sh, "{{token}}"]
            """);

        var result = await sandbox.RunAsync("--config", config, "run", "unstaged-secret", "token=plain-sight", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("got plain-sight\n", result.StandardOutput);
        Assert.Contains("runbook unstaged-secret passes secret values in RunTask's command override", result.StandardError);
        var task = Assert.Single(RunbookConfig.TasksOfRun(sandbox, RunbookConfig.RunIdIn(result.StandardError)));
        Assert.Equal("plain-sight", task.Overrides!.ContainerOverrides![0].Command![^1]);
    }
}
