using System.Text;
using System.Text.RegularExpressions;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Containers;

public sealed class PtyContainerProcessTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ecsops-pty-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Pty_Echo_PrintsTextAndExitsZero()
    {
        await using var process = Start(["/bin/echo", "hello from the pty"]);
        var output = new OutputRecorder(process.Output);

        Assert.Equal(0, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
        await output.Completion.WaitAsync(s_deadline);
        Assert.Equal("hello from the pty\r\n", output.Text);
        Assert.Null(process.Error);
    }

    [Fact]
    public async Task Pty_SttySize_ShowsInitialSizeThenResizedSize()
    {
        await using var process = Start(["/bin/sh"], columns: 100, rows: 30);
        var output = new OutputRecorder(process.Output);

        await TypeAsync(process, "stty size\n");
        var end = await output.WaitForAsync("30 100\r\n");
        process.Resize(120, 40);
        await TypeAsync(process, "stty size\n");
        await output.WaitForAsync("40 120\r\n", end);
        await TypeAsync(process, "exit\n");
        Assert.Equal(0, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Pty_Tty_IsAPseudoterminalDeviceAndControllingTerminal()
    {
        // /dev/tty opens only for a process that has a controlling terminal.
        await using var process = Start(["/bin/sh", "-c", "tty; : < /dev/tty && echo controlling-terminal"]);
        var output = new OutputRecorder(process.Output);

        Assert.Equal(0, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
        await output.Completion.WaitAsync(s_deadline);
        var lines = output.Text.Split("\r\n");
        Assert.Matches(new Regex("^/dev/pts/[0-9]+$"), lines[0]);
        Assert.Equal("controlling-terminal", lines[1]);
    }

    [Fact]
    public async Task Pty_CtrlC_InterruptsSleepAndTheShellSurvives()
    {
        await using var process = Start(["/bin/sh", "-i"]);
        var output = new OutputRecorder(process.Output);

        // The child prints the marker and then becomes sleep (exec), so once it shows, the foreground job is it.
        await TypeAsync(process, "sh -c 'echo sleeping-$((1+1)); exec sleep 100'\n");
        var end = await output.WaitForAsync("sleeping-2\r\n");
        await TypeAsync(process, "\x03");
        end = await output.WaitForAsync("^C", end);
        await TypeAsync(process, "echo status-$?\n");
        await output.WaitForAsync("status-130\r\n", end);
        await TypeAsync(process, "exit 4\n");
        Assert.Equal(4, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Pty_InputDisposed_OutputStillArrives()
    {
        await using var process = Start(["/bin/sh", "-c", "read line; echo \"got-$line\""]);
        var output = new OutputRecorder(process.Output);

        await TypeAsync(process, "abc\n");
        await process.Input.DisposeAsync();

        Assert.Equal(0, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
        await output.WaitForAsync("got-abc\r\n");
    }

    [Fact]
    public async Task Pty_ShExit3_ReportsExitCode3()
    {
        await using var process = Start(["/bin/sh", "-c", "exit 3"]);

        Assert.Equal(3, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Pty_KilledBySignal_Reports128PlusSignal()
    {
        await using var process = Start(["/bin/sh", "-c", "echo ready; exec sleep 100"]);
        var output = new OutputRecorder(process.Output);
        await output.WaitForAsync("ready");

        process.Signal(ContainerSignal.Kill);

        Assert.Equal(128 + 9, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Pty_InterruptSignal_ReachesForegroundJob()
    {
        await using var process = Start(["/bin/sh", "-c", "echo ready; exec sleep 100"]);
        var output = new OutputRecorder(process.Output);
        await output.WaitForAsync("ready");

        process.Signal(ContainerSignal.Interrupt);

        Assert.Equal(128 + 2, await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Pty_Environment_HasTermAndContainerVariables()
    {
        await using var process = Start(["/bin/sh", "-c", "echo \"$TERM $LANG $HOME\"; pwd"]);
        var output = new OutputRecorder(process.Output);

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_deadline);
        await output.Completion.WaitAsync(s_deadline);
        Assert.Equal($"xterm-256color C.UTF-8 {_directory.FullName}\r\n{_directory.FullName}\r\n", output.Text);
    }

    [Fact]
    public async Task Dispose_WithBackgroundJob_KillsTheWholeSession()
    {
        var process = Start(["/bin/sh", "-c", "sleep 100 & echo \"bg=$!\"; wait"]);
        var output = new OutputRecorder(process.Output);
        var end = await output.WaitForAsync("\r\n", await output.WaitForAsync("bg="));
        var background = int.Parse(Regex.Match(output.Text, "bg=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ContainerContexts.IsAlive(background));

        await process.DisposeAsync();

        Assert.False(ContainerContexts.IsAlive(background), $"sleep {background} survived; output: {output.Text[..end]}");
        Assert.False(ContainerContexts.IsAlive(process.ProcessId));
        await output.Completion.WaitAsync(s_deadline);
    }

    [Fact]
    public void Start_UnknownProgram_ThrowsWithDockerMessage()
    {
        var error = Assert.Throws<ContainerProcessStartException>(() => Start(["no-such-program-here"]));

        Assert.Equal("exec: \"no-such-program-here\": executable file not found in $PATH", error.Message);
    }

    private IContainerProcess Start(IReadOnlyList<string> argv, int columns = 80, int rows = 24) =>
        ContainerProcessSpawner.Spawn(ContainerContexts.Temporary(_directory.FullName), new ContainerProcessStart(argv, UsePty: true, columns, rows));

    private static async Task TypeAsync(IContainerProcess process, string keys) =>
        await process.Input.WriteAsync(Encoding.UTF8.GetBytes(keys));
}
