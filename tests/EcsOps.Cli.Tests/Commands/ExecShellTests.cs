using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops exec SELECTOR` without a command: an interactive shell in a real terminal (tmux).</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class ExecShellTests(CliSandboxFixture sandbox)
{
    [TmuxFact]
    public async Task Shell_InATerminal_RunsCommandsPassesCtrlCResizesAndLeavesWithTildeDot()
    {
        await using var terminal = await StartShellAsync();

        // Arithmetic in the commands makes the awaited text differ from the typed text the terminal echoes.
        await terminal.SendKeysAsync("echo ready-$((40+2)); stty size", "Enter");
        await terminal.WaitForOutputAsync("ready-42");
        await terminal.WaitForOutputAsync("40 120");
        var raw = await terminal.PaneTerminalSettingsAsync();
        Assert.Matches(@"(^|\s)-icanon(\s|$)", raw);
        Assert.Matches(@"(^|\s)-echo(\s|$)", raw);
        Assert.Matches(@"(^|\s)-isig(\s|$)", raw);

        await terminal.SendKeysAsync("echo sleeping-$((2+3)); sleep 600", "Enter");
        await terminal.WaitForOutputAsync("sleeping-5");
        await terminal.SendKeysAsync("C-c");
        await terminal.SendKeysAsync("echo after-interrupt-$((3+4))", "Enter");
        await terminal.WaitForOutputAsync("after-interrupt-7");

        await terminal.ResizeAsync(100, 30);
        await terminal.SendKeysAsync("until [ \"$(stty size)\" = '30 100' ]; do sleep 0.1; done; echo resized-$((5+5))", "Enter");
        await terminal.WaitForOutputAsync("resized-10");

        await terminal.SendKeysAsync("Enter", "~.");
        await terminal.WaitForOutputAsync("EXIT=0");
        await terminal.WaitForScriptEndAsync();
        var stty = await File.ReadAllTextAsync(Path.Combine(terminal.Directory, "stty.txt"));
        Assert.Matches(@"(^|\s)icanon(\s|$)", stty);
        Assert.Matches(@"(^|\s)echo(\s|$)", stty);
        Assert.Matches(@"(^|\s)isig(\s|$)", stty);
    }

    [TmuxFact]
    public async Task Shell_RemoteShellExits_CliExits0AndTerminalIsRestored()
    {
        await using var terminal = await StartShellAsync();

        await terminal.SendKeysAsync("echo bye-$((1+1)); exit", "Enter");
        await terminal.WaitForOutputAsync("bye-2");
        await terminal.WaitForOutputAsync("EXIT=0");
        await terminal.WaitForScriptEndAsync();

        Assert.Matches(@"(^|\s)icanon(\s|$)", await File.ReadAllTextAsync(Path.Combine(terminal.Directory, "stty.txt")));
    }

    [TmuxFact]
    public async Task TerminalCommand_ReadsKeysAndExitsWithTheCommandsStatus()
    {
        // The command reads a line from the terminal, so it only works on a real one; its status comes back.
        await using var terminal = await StartShellAsync("-t -- sh -c 'test -t 0 && printf \"name? \" && read n && echo \"hello-$n\" && exit 7'");

        await terminal.WaitForOutputAsync("name? ");
        await terminal.SendKeysAsync("world", "Enter");
        await terminal.WaitForOutputAsync("hello-world");
        await terminal.WaitForOutputAsync("EXIT=7");
        await terminal.WaitForScriptEndAsync();

        Assert.DoesNotContain("ecsops-exit", terminal.Seen, StringComparison.Ordinal);
        Assert.Matches(@"(^|\s)icanon(\s|$)", await File.ReadAllTextAsync(Path.Combine(terminal.Directory, "stty.txt")));
    }

    [TmuxFact]
    public async Task TerminalCommand_CtrlC_InterruptsTheCommandAndExits130()
    {
        await using var terminal = await StartShellAsync("-t -- sh -c 'echo sleeping-$((2+3)); exec sleep 600'");

        await terminal.WaitForOutputAsync("sleeping-5");
        await terminal.SendKeysAsync("C-c");

        await terminal.WaitForOutputAsync("EXIT=130");
        await terminal.WaitForScriptEndAsync();
    }

    private Task<TmuxSession> StartShellAsync(string arguments = "") =>
        TmuxSession.StartAsync(
            $"dotnet {EcsOpsProcess.DllPath} exec dev-web/web {arguments}\necho \"EXIT=$?\"\nstty -a > \"$(dirname \"$0\")/stty.txt\"",
            sandbox.Environment,
            sandbox.Home);
}
