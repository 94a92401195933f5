using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Turns one command (argv) into the <c>command</c> string of an ECS ExecuteCommand, which only offers PTY
/// sessions, so that its exit code, stdout and stderr come back intact:
/// <list type="bullet">
/// <item>the remote script switches echo and LF→CRLF off, prints a ready line, then runs the command with
/// stdin decoded from base64 lines the client types (ended by EOF, ^D), and stdout and stderr each
/// base64-encoded into lines tagged <c>O</c> and <c>E</c>, one write per line so they cannot interleave;</item>
/// <item>output is encoded chunk by chunk as it comes: each <c>dd bs=65536 count=1</c> is one read of the pipe,
/// so it returns whatever the command has written so far (up to 64 KiB, the pipe's size) and that chunk is
/// encoded and sent at once. A plain <c>cmd | base64</c> would hold output back until base64's input block (and
/// mawk's) filled, so a slow command's lines arrived in bursts or only at its end. Bulk output still moves in
/// 64 KiB chunks; a chunk costs three short-lived processes, and the loop ends on the chunk that reads nothing;</item>
/// <item>secret values (<see cref="ProtectedArgv"/>) are read from the terminal after the ready line, before the
/// command's stdin, into shell variables that the command line expands in place; the command string has only the
/// variables' names;</item>
/// <item>a trailer <c>X&lt;nonce&gt; &lt;status&gt;</c> carries <c>$?</c>; the nonce is fresh per run, so
/// nothing the command prints can forge it (its output is base64 inside tagged lines anyway).</item>
/// </list>
/// ECS splits the command into argv (on whitespace, or shell-word style) and runs it without a shell, so
/// the string has no spaces or quotes: a one-line bootstrap is decoded with <c>${IFS}</c> separators and
/// that bootstrap decodes the real script inside double quotes, keeping its newlines.
/// The container needs sh, stty, base64, awk and dd (all in busybox and in Debian/Ubuntu/Alpine bases; only
/// POSIX options and <c>base64</c>'s default 76-column lines are used).
/// </summary>
public static class ExecWrapper
{
    /// <summary>The programs the remote script needs besides sh; a missing one is reported by name.</summary>
    public static readonly IReadOnlyList<string> RequiredTools = ["stty", "base64", "awk", "dd"];

    private const string ScriptTemplate =
        """
        N=__NONCE__
        case $0 in ecsops:*) export ECSOPS_RUN_ID="${0#ecsops:}";; esac
        for t in __TOOLS__; do command -v "$t" >/dev/null 2>&1 || { printf 'M%s %s\n' "$N" "$t"; exit 127; }; done
        stty -echo -onlcr 2>/dev/null
        printf 'R%s\n' "$N"
        __SECRETS__F='{printf "%s%s\n",t,$0; fflush()} END{exit (NR == 0)}'
        exec 3>&1
        rc=$( { { base64 -d | { __COMMAND__; echo $? >&4; } 2>&5 | while dd bs=65536 count=1 2>/dev/null | base64 | awk -v t=O "$F" >&3; do :; done; } 5>&1 | while dd bs=65536 count=1 2>/dev/null | base64 | awk -v t=E "$F" >&3; do :; done; } 4>&1 )
        printf 'X%s %s\n' "$N" "$rc"
        """;

    // Reads one secret value from the terminal: base64 lines up to an empty one (see SecretInputEncoder), decoded by
    // base64 from a pipe (printf is a builtin in dash, bash and busybox sh), so the value is never any process's
    // argument or environment. The x keeps trailing newlines, which $(…) would strip. The values stay unexported
    // shell variables.
    private const string ReadSecretFunction =
        """
        ecsops_secret() { v=; while IFS= read -r l && [ -n "$l" ]; do v="$v$l
        "; done; v=$(printf '%s' "$v" | base64 -d; printf x); v=${v%x}; }

        """;

    /// <summary>Builds the wrapped command for <paramref name="argv"/> with a fresh nonce.</summary>
    public static WrappedCommand Wrap(IReadOnlyList<string> argv) => Wrap(ProtectedArgv.Plain(argv));

    public static WrappedCommand Wrap(IReadOnlyList<string> argv, string nonce) => Wrap(ProtectedArgv.Plain(argv), nonce);

    /// <summary>
    /// Builds the wrapped command for <paramref name="argv"/> with a fresh nonce: its secret values are not in the
    /// command string but in <see cref="WrappedCommand.SecretInput"/>, which the runner types before the command's stdin.
    /// </summary>
    public static WrappedCommand Wrap(ProtectedArgv argv) => Wrap(argv, FreshNonce());

    public static WrappedCommand Wrap(ProtectedArgv argv, string nonce)
    {
        ArgumentNullException.ThrowIfNull(argv);
        CheckNonce(nonce);
        var script = ScriptTemplate
            .Replace("__TOOLS__", string.Join(' ', RequiredTools), StringComparison.Ordinal)
            .Replace("__NONCE__", nonce, StringComparison.Ordinal)
            .Replace("__SECRETS__", ReadSecrets(argv.SecretValues.Count), StringComparison.Ordinal)
            .Replace("__COMMAND__", ShellQuoting.Join(argv, SecretVariable), StringComparison.Ordinal);
        return new WrappedCommand(Bootstrap(script), nonce) { SecretInput = SecretInputEncoder.Encode(argv.SecretValues) };
    }

    private static string SecretVariable(int index) => "ecsops_s" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ReadSecrets(int count)
    {
        if (count == 0)
        {
            return "";
        }

        var script = new StringBuilder(ReadSecretFunction);
        for (var index = 0; index < count; index++)
        {
            script.Append("ecsops_secret; ").Append(SecretVariable(index)).Append("=$v\n");
        }

        return script.Append("v=\n").ToString();
    }

    /// <summary>
    /// <paramref name="argv"/> as an ExecuteCommand <c>command</c> string without the framing: each argument stays one
    /// word, but the output is the PTY's as it is and no exit status comes back. For a client that only shows the
    /// terminal (the session-manager-plugin).
    /// </summary>
    public static string Unframed(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0)
        {
            throw new ArgumentException("no command given", nameof(argv));
        }

        return Bootstrap(ShellQuoting.Join(argv));
    }

    /// <summary>16 random bytes in hex: what no command can guess to forge a trailer.</summary>
    internal static string FreshNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal static void CheckCommand(IReadOnlyList<string> argv, string nonce)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0)
        {
            throw new ArgumentException("no command given", nameof(argv));
        }

        CheckNonce(nonce);
    }

    private static void CheckNonce(string nonce)
    {
        if (nonce.Length == 0 || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("the nonce must be ASCII letters and digits", nameof(nonce));
        }
    }

    /// <summary>A command string without spaces or quotes that has sh run <paramref name="script"/>.</summary>
    internal static string Bootstrap(string script)
    {
        var inner = Convert.ToBase64String(Encoding.UTF8.GetBytes(script));
        var bootstrap = Convert.ToBase64String(Encoding.ASCII.GetBytes($"eval \"$(echo {inner}|base64 -d)\""));
        return "/bin/sh -c eval${IFS}$(echo${IFS}" + bootstrap + "|base64${IFS}-d)";
    }
}

/// <summary>The ExecuteCommand <c>command</c> string and the nonce its trailer will carry.</summary>
public sealed record WrappedCommand(string Command, string Nonce)
{
    /// <summary>
    /// What the runner types after the ready line and before the command's stdin: the secret values the remote script
    /// reads (<see cref="SecretInputEncoder"/>); empty when the command has none.
    /// </summary>
    public ReadOnlyMemory<byte> SecretInput { get; init; }

    /// <summary>
    /// The same command with <paramref name="marker"/> (<c>ecsops:&lt;run id&gt;</c>) as the remote shell's <c>$0</c>:
    /// visible in the ExecuteCommand call CloudTrail records and in <c>ps</c> in the container, and exported to the
    /// command as <c>ECSOPS_RUN_ID</c>. ECS Exec has no reason field; this is how a run id reaches it.
    /// </summary>
    public WrappedCommand WithMarker(string marker)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        if (!marker.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.'))
        {
            throw new ArgumentException("a marker is ASCII letters, digits and ':-_.' only (ECS splits the command on blanks)", nameof(marker));
        }

        return this with { Command = Command + " " + marker };
    }
}
