using System.Security.Cryptography;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops exec` as a process against the sandbox: exit status, streams, stdin, and its own failures.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class ExecCommandTests(CliSandboxFixture sandbox)
{
    private const string Web = "dev-web/web";
    private const int Sigint = 2;

    [Fact]
    public async Task Exec_RemoteExits3_CliExits3()
    {
        var result = await sandbox.RunAsync("exec", Web, "--", "sh", "-c", "exit 3");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Exec_True_CliExits0WithNoOutput()
    {
        var result = await sandbox.RunAsync("exec", Web, "--", "true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StandardOutputBytes);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Exec_CommandWritesBothStreams_StdoutAndStderrKeptApart()
    {
        var result = await sandbox.RunAsync("exec", Web, "--", "sh", "-c", "echo out-1; echo err-1 >&2; printf 'out-2\\n'; echo err-2 >&2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("out-1\nout-2\n", result.StandardOutput);
        Assert.Equal("err-1\nerr-2\n", result.StandardError);
    }

    [Fact]
    public async Task Exec_StdinPiped_ReachesTheCommand()
    {
        using var stdin = new MemoryStream("line one\nline two"u8.ToArray());

        var result = await sandbox.RunAsync(["exec", Web, "--", "sh", "-c", "cat; exit 7"], stdin);

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Equal("line one\nline two", result.StandardOutput);
    }

    [Fact]
    public async Task ExecTerminal_CommandReadsBeforeItPrints_GetsThePipedLineAndItsStatusComesBack()
    {
        // Without KMS there is no handshake and no key is sent before the session's first output: the wrapper's ready
        // sequence is that output, so a command that reads first does not wait forever.
        using var stdin = new MemoryStream("hello\n"u8.ToArray());

        var result = await sandbox.RunAsync(["exec", Web, "-t", "--", "sh", "-c", "read l && [ \"$l\" = hello ] && exit 9"], stdin);

        Assert.True(result.ExitCode == 9, result.ToString());
        Assert.DoesNotContain("ecsops-", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_TenMegabytesThroughCat_ArriveByteIdentical()
    {
        var data = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        using var stdin = new MemoryStream(data);

        var result = await sandbox.RunAsync(["exec", Web, "--", "cat"], stdin);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Equal(data.Length, result.StandardOutputBytes.Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(result.StandardOutputBytes));
    }

    [Fact]
    public async Task Exec_ReaderClosesStdoutEarly_EndsQuietlyLikeSigpipe()
    {
        // `ecsops exec -- yes | head -c 100`: the remote command never ends by itself, so only noticing the closed
        // pipe ends ecsops (a hang here fails on the process deadline).
        await using var process = sandbox.Start(["exec", Web, "--", "yes"], captureStdout: false);
        process.StandardInput.Close();
        var first = new char[100];
        await process.StandardOutput.ReadBlockAsync(first);
        process.StandardOutput.Close();

        var result = await process.WaitAsync();

        Assert.Equal("y\ny\n", new string(first, 0, 4));
        Assert.True(result.ExitCode == 141, result.ToString());
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Exec_CommandPausesAfterALine_TheLineArrivesWhileItRuns()
    {
        // Output held back until the command ends would keep "first" away for 30 s: the read fails on its deadline.
        await using var process = sandbox.Start(["exec", Web, "--", "sh", "-c", "echo first; sleep 30; echo second"], captureStdout: false);
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        process.Signal(Sigint);

        var result = await process.WaitAsync();

        Assert.Equal("first", first);
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Null(await process.StandardOutput.ReadLineAsync());
    }

    [Fact]
    public async Task Exec_DoubleDashFirst_CommandIsNotTakenForTheSelector()
    {
        var result = await sandbox.RunAsync("exec", "--cluster", "dev-web", "--service", "web", "--", "sh", "-c", "exit 4");

        Assert.True(result.ExitCode == 4, result.ToString());
    }

    [Fact]
    public async Task Exec_UnknownSelector_Exits255WithOneErrorLineAndNoStack()
    {
        var result = await sandbox.RunAsync("exec", "no-such-cluster", "--", "true");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("no-such-cluster", error);
        Assert.Contains("dev-web", error); // the hint names what does exist
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.Empty(result.StandardOutputBytes);
    }

    [Fact]
    public async Task Exec_AmbiguousWithoutTerminal_Exits255ListingTheCandidates()
    {
        var result = await sandbox.RunAsync("exec", "dev-web", "--", "true");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("dev-web/web/app", error);
        Assert.Contains("dev-web/worker/worker", error);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Exec_TaskWithExecDisabled_Exits255SayingWhy()
    {
        var result = await sandbox.RunAsync("exec", "dev-web/worker", "--", "true");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("enableExecuteCommand", error);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Exec_SessionEndsWithoutTrailer_Exits255SayingSo()
    {
        // Killing the whole process group takes the wrapper's shell with it, so no exit status is ever printed.
        var result = await sandbox.RunAsync("exec", Web, "--", "sh", "-c", "kill -KILL 0");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("without reporting its exit status", error);
    }
}
