using System.Diagnostics;
using EcsOps.TestSupport;

namespace EcsOps.Cli.Tests.Scripts;

/// <summary>
/// The README's first command, `bash scripts/quickstart.sh`, run as a user runs it: its own sandbox, the real ecsops
/// (it builds it, which after the suite's build changes nothing), no AWS files of this machine.
/// </summary>
public sealed class QuickstartScriptTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Quickstart_OnAFreshSandbox_ShowsEveryStepWorkingAndExits0()
    {
        var root = RepositoryRoot();
        var none = Path.Combine(Path.GetTempPath(), "ecsops-quickstart-no-aws-files");
        var environment = new Dictionary<string, string>
        {
            ["AWS_CONFIG_FILE"] = none,
            ["AWS_SHARED_CREDENTIALS_FILE"] = none,
        };
        using var process = Process.Start(IsolatedProcess.StartInfo("bash", [Path.Combine(root, "scripts", "quickstart.sh")], environment, root))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"quickstart did not end within {s_deadline}: {await stdout}");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        Assert.Contains("-> remote exit code: 3", output, StringComparison.Ordinal);
        Assert.Contains("-> identical", output, StringComparison.Ordinal);
        Assert.Contains("through the forward -> HTTP 200", output, StringComparison.Ordinal);
        Assert.Contains("chain intact", output, StringComparison.Ordinal);
        Assert.EndsWith("all ran on the sandbox.", output.TrimEnd(), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EcsOps.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("EcsOps.slnx not found above " + AppContext.BaseDirectory);
    }
}
