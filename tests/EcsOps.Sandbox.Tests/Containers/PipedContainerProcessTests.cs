using System.Text;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Containers;

public sealed class PipedContainerProcessTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ecsops-pipe-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Pipes_StdoutAndStderr_AreSeparateAndExitCodeIsReported()
    {
        await using var process = Start(["sh", "-c", "echo to-out; echo to-err >&2; exit 5"]);
        var stdout = new OutputRecorder(process.Output);
        var stderr = new OutputRecorder(process.Error!);

        Assert.Equal(5, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
        await Task.WhenAll(stdout.Completion, stderr.Completion).WaitAsync(s_deadline);
        Assert.Equal("to-out\n", stdout.Text);
        Assert.Equal("to-err\n", stderr.Text);
    }

    [Fact]
    public async Task Pipes_Stdin_ReachesTheProcessUntilClosed()
    {
        await using var process = Start(["cat"]);
        var stdout = new OutputRecorder(process.Output);

        await process.Input.WriteAsync(Encoding.UTF8.GetBytes("binary\0safe\n"));
        await process.Input.DisposeAsync();

        Assert.Equal(0, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
        await stdout.Completion.WaitAsync(s_deadline);
        Assert.Equal("binary\0safe\n", stdout.Text);
    }

    [Fact]
    public async Task Pipes_WorkingDirectoryAndEnvironment_AreTheContainers()
    {
        var context = ContainerContexts.Temporary(_directory.FullName, new Dictionary<string, string> { ["GREETING"] = "hi there" });
        await using var process = ContainerProcessSpawner.Spawn(context, new ContainerProcessStart(["/bin/sh", "-c", "pwd; echo \"$GREETING\"; echo \"term=${TERM:-none}\""], UsePty: false));
        var stdout = new OutputRecorder(process.Output);

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline);
        await stdout.Completion.WaitAsync(s_deadline);
        Assert.Equal($"{_directory.FullName}\nhi there\nterm=none\n", stdout.Text);
    }

    [Fact]
    public async Task Pipes_TerminateSignal_Reports143()
    {
        await using var process = Start(["sh", "-c", "echo ready; exec sleep 100"]);
        var stdout = new OutputRecorder(process.Output);
        await stdout.WaitForAsync("ready");

        process.Signal(ContainerSignal.Terminate);

        Assert.Equal(128 + 15, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Dispose_RunningProcess_KillsItAndEndsOutput()
    {
        var process = Start(["sh", "-c", "echo ready; sleep 100; echo never"]);
        var stdout = new OutputRecorder(process.Output);
        await stdout.WaitForAsync("ready");

        await process.DisposeAsync();

        Assert.False(ContainerContexts.IsAlive(process.ProcessId));
        Assert.Equal(128 + 9, await process.WaitForExitAsync(CancellationToken.None));
        await stdout.Completion.WaitAsync(s_deadline);
        Assert.Equal("ready\n", stdout.Text);
    }

    private IContainerProcess Start(IReadOnlyList<string> argv) =>
        ContainerProcessSpawner.Spawn(ContainerContexts.Temporary(_directory.FullName), new ContainerProcessStart(argv, UsePty: false));
}
