using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>The fuzzy picker in a real terminal (tmux): several containers match, the operator filters, moves and picks.</summary>
[Collection(LabSandboxCollection.Name)]
public sealed class PickerTests(LabSandboxFixture sandbox)
{
    [TmuxFact]
    public async Task Exec_SeveralMatchOnATerminal_TypeToFilterArrowEnter_RunsInThePickedContainer()
    {
        await using var terminal = await TmuxSession.StartAsync(
            $"dotnet {EcsOpsProcess.DllPath} exec fleet -- sh -c 'echo \"ran-in $(pwd)\"'\necho \"EXIT=$?\"",
            sandbox.Environment,
            sandbox.Home);
        await terminal.WaitForOutputAsync("fleet matches 3 running containers; pick one:");
        await terminal.WaitForOutputAsync("3/3");

        // "777" leaves the two 7777… tasks; the second is one row down.
        await terminal.SendKeysAsync("777");
        await terminal.WaitForOutputAsync("2/3");
        await terminal.SendKeysAsync("Down");
        await terminal.SendKeysAsync("Enter");

        await terminal.WaitForOutputAsync("EXIT=0");
        Assert.Contains($"ran-in {sandbox.Host.DataDirectory}/containers/{LabSandboxFixture.FleetTasks[1]}/app", terminal.Seen, StringComparison.Ordinal);
        await terminal.WaitForScriptEndAsync();
    }

    [TmuxFact]
    public async Task Exec_PickerEscaped_Exits255WithoutRunningAnything()
    {
        await using var terminal = await TmuxSession.StartAsync(
            $"dotnet {EcsOpsProcess.DllPath} exec fleet -- echo should-not-run\necho \"EXIT=$?\"",
            sandbox.Environment,
            sandbox.Home);
        await terminal.WaitForOutputAsync("3/3");

        await terminal.SendKeysAsync("Escape");

        await terminal.WaitForOutputAsync("EXIT=255");
        Assert.Contains("error: no container picked", terminal.Seen, StringComparison.Ordinal);
        Assert.DoesNotContain("should-not-run\r", terminal.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_SeveralMatchWithoutATerminal_ErrorListsTheCandidates()
    {
        var result = await sandbox.RunAsync("exec", "fleet", "--", "true");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        foreach (var task in LabSandboxFixture.FleetTasks)
        {
            Assert.Contains(task, error, StringComparison.Ordinal);
        }
    }
}
