using Amazon.S3.Model;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>Two runs with the same rendered lock scope never run at once; the lock lives in S3.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public async Task Run_SameLockScopeWhileHeld_SecondRunRefusedWith75AndNothingRan_ThenFreeAgain()
    {
        var scope = "s" + Guid.NewGuid().ToString("N")[..8];
        var holderDirectory = NewDirectory();
        var secondDirectory = NewDirectory();
        var holder = sandbox.Start(["--config", await RunbookConfig.EnsureAsync(sandbox), "run", "hold", "name=" + scope, "dir=" + holderDirectory, "--yes"]);
        holder.StandardInput.Close();
        await WaitForFileAsync(Path.Combine(holderDirectory, "started"));

        var refused = await RunAsync("run", "hold", "name=" + scope, "dir=" + secondDirectory, "--yes");
        var secondStarted = File.Exists(Path.Combine(secondDirectory, "started"));
        var other = await RunAsync("run", "exit-with", "code=0", "--yes"); // no lock: unaffected
        await File.WriteAllTextAsync(Path.Combine(holderDirectory, "release"), "");
        var held = await holder.WaitAsync();
        await holder.DisposeAsync();
        await File.WriteAllTextAsync(Path.Combine(secondDirectory, "release"), "");
        var afterwards = await RunAsync("run", "hold", "name=" + scope, "dir=" + secondDirectory, "--yes");

        Assert.True(refused.ExitCode == 75, refused.ToString());
        var holderRunId = RunbookConfig.RunIdIn(held.StandardError);
        Assert.StartsWith($"error: runbook hold is locked by run {holderRunId} (owner arn:aws:iam::111111111111:user/sandbox-user on ", Assert.Single(refused.ErrorLines));
        Assert.Contains(" since ", refused.ErrorLines[0]);
        Assert.False(secondStarted, "the refused run's command ran");
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.True(held.ExitCode == 0, held.ToString());
        Assert.Equal("released\n", held.StandardOutput);
        Assert.True(afterwards.ExitCode == 0, afterwards.ToString());
        using var s3 = RunbookConfig.S3(sandbox);
        var locks = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = RunbookConfig.LocksBucket, Prefix = "locks/hold:" + scope });
        Assert.Empty(locks.S3Objects ?? []);
    }

    private static async Task WaitForFileAsync(string path)
    {
        using var deadline = new CancellationTokenSource(EcsOpsProcess.Deadline);
        while (!File.Exists(path))
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
