namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Turns one command (argv) into an ExecuteCommand <c>command</c> string for a terminal session (<c>exec -t</c>):
/// the command gets the PTY as it is (echo, line editing, Ctrl-C from the keyboard), and after it ends the remote
/// shell prints its exit status as an OSC escape sequence carrying a fresh nonce, which
/// <see cref="TerminalStatusFilter"/> takes out of the output. Terminals ignore OSC sequences they do not know, so
/// even a client that does not filter shows nothing of it; nothing the command prints can forge the nonce.
/// <c>trap : INT</c> keeps the shell alive through a Ctrl-C meant for the command (a trapped signal is reset to the
/// default in children, so the command still gets it) so the status of an interrupted command comes back as 130.
/// A ready sequence goes first: a session without KMS has no handshake, and clients (ours, AWS's plugin) send no key
/// before the session's first output, so a command that reads before it prints (<c>cat</c>) would wait forever.
/// </summary>
public static class TerminalCommand
{
    private const string ScriptTemplate =
        """
        trap : INT
        printf '\033]ecsops-ready;%s\007' __NONCE__
        __COMMAND__
        printf '\033]ecsops-exit;%s;%d\007' __NONCE__ "$?"
        """;

    /// <summary>The command string for <paramref name="argv"/> with a fresh nonce.</summary>
    public static WrappedCommand Wrap(IReadOnlyList<string> argv) => Wrap(argv, ExecWrapper.FreshNonce());

    public static WrappedCommand Wrap(IReadOnlyList<string> argv, string nonce)
    {
        ExecWrapper.CheckCommand(argv, nonce);
        var script = ScriptTemplate
            .Replace("__NONCE__", nonce, StringComparison.Ordinal)
            .Replace("__COMMAND__", ShellQuoting.Join(argv), StringComparison.Ordinal);
        return new WrappedCommand(ExecWrapper.Bootstrap(script), nonce);
    }
}
