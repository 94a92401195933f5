using System.Security.Cryptography;
using System.Text;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Tests.Support;

namespace EcsOps.Runbooks.Tests.Exec;

/// <summary>The wrapped command on a real PTY, split into argv without a shell, as ECS Exec runs it.</summary>
public class ExecWrapperPtyTests
{
    [Fact]
    public async Task Wrapped_RemoteExits3_StatusAndStreamsKeptApart()
    {
        var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["sh", "-c", "echo out; echo err >&2; exit 3"]));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("out\n", Encoding.UTF8.GetString(run.Stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(run.Stderr.ToArray()));
    }

    [Fact]
    public async Task Wrapped_BinaryThroughCat_ArrivesByteIdenticalWithoutCrlf()
    {
        var data = RandomNumberGenerator.GetBytes(1 << 20);

        var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["cat"]), data);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(run.Stdout.ToArray()));
        Assert.Equal(0, run.Stderr.Length);
    }

    [Fact]
    public async Task Wrapped_CommandWaitsAfterALine_TheLineArrivesBeforeItEnds()
    {
        // The command prints a line, then waits for end of input, which the runner sends only once it has decoded
        // that line: output held back until the command ends would leave both waiting until the runner's deadline.
        var run = await PtyCommandRunner.RunAsync(
            ExecWrapper.Wrap(["sh", "-c", "echo first; echo err-first >&2; cat >/dev/null; echo second"]), inputAfterOutput: "first\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("first\nsecond\n", Encoding.UTF8.GetString(run.Stdout.ToArray()));
        Assert.Equal("err-first\n", Encoding.UTF8.GetString(run.Stderr.ToArray()));
    }

    [BusyboxFact]
    public async Task Wrapped_OnBusyboxOnly_BinaryKeptAndALineArrivesBeforeTheEnd()
    {
        // A busybox image (Alpine, distroless debug): sh and every tool the wrapper uses are busybox applets.
        var busybox = Toolset.Busybox;
        var data = RandomNumberGenerator.GetBytes(300_000);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, data);
        try
        {
            var wrapped = ExecWrapper.Wrap(["sh", "-c", "echo first; cat >/dev/null; head -c 300000 \"$0\"", file]);
            var onBusybox = wrapped with { Command = wrapped.Command.Replace("/bin/sh ", Path.Combine(busybox.Path!, "sh") + " ", StringComparison.Ordinal) };

            var run = await PtyCommandRunner.RunAsync(onBusybox, path: busybox.Path, inputAfterOutput: "first\n");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(SHA256.HashData([.. "first\n"u8, .. data]), SHA256.HashData(run.Stdout.ToArray()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Wrapped_WithRunMarker_MarkerIsShellNameAndRunIdReachesTheCommand()
    {
        var wrapped = ExecWrapper.Wrap(["sh", "-c", "printf '%s' \"$ECSOPS_RUN_ID\""]).WithMarker("ecsops:01JQ0000000000000000000000");

        var run = await PtyCommandRunner.RunAsync(wrapped);

        Assert.EndsWith(" ecsops:01JQ0000000000000000000000", wrapped.Command);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("01JQ0000000000000000000000", Encoding.UTF8.GetString(run.Stdout.ToArray()));
    }

    [Fact]
    public async Task Wrapped_WithoutMarker_NoRunIdExported()
    {
        var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["sh", "-c", "printf '[%s]' \"${ECSOPS_RUN_ID-unset}\""]));

        Assert.Equal("[unset]", Encoding.UTF8.GetString(run.Stdout.ToArray()));
    }

    [Fact]
    public void WithMarker_Blank_Refused() =>
        Assert.Throws<ArgumentException>(() => ExecWrapper.Wrap(["true"]).WithMarker("ecsops: x"));

    [Fact]
    public async Task Wrapped_NoStdin_CommandSeesEndOfInput()
    {
        var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["wc", "-c"]));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0", Encoding.UTF8.GetString(run.Stdout.ToArray()).Trim());
    }

    [Theory]
    [InlineData("; rm -rf / ;")]
    [InlineData("$(touch /tmp/ecsops-injected)")]
    [InlineData("`touch /tmp/ecsops-injected`")]
    [InlineData("it's \"quoted\"")]
    [InlineData("line1\nline2")]
    [InlineData("*")]
    [InlineData("${IFS}$HOME")]
    public async Task Wrapped_ShellMetacharactersInArgument_PassedLiterally(string argument)
    {
        var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["printf", "%s", argument]));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(argument, Encoding.UTF8.GetString(run.Stdout.ToArray()));
        Assert.False(File.Exists("/tmp/ecsops-injected"));
    }

    [Fact]
    public async Task Wrapped_KilledBySignal_Reports128PlusSignal()
    {
        var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["sh", "-c", "kill -TERM $$"]));

        Assert.Equal(143, run.ExitCode);
    }

    [Fact]
    public async Task Wrapped_ContainerWithoutAwk_ReportsTheMissingTool()
    {
        var bin = Directory.CreateTempSubdirectory("ecsops-noawk-");
        try
        {
            foreach (var tool in new[] { "base64", "stty", "dd" })
            {
                File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), $"/usr/bin/{tool}");
            }

            var run = await PtyCommandRunner.RunAsync(ExecWrapper.Wrap(["true"]), path: bin.FullName);

            Assert.Equal("awk", run.MissingTool);
            Assert.Null(run.ExitCode);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }
}
