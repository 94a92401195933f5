using EcsOps.Runbooks.Templates;

namespace EcsOps.Runbooks.Loading;

/// <summary>
/// Refuses command templates that would let a value become code: a placeholder inside the program text of a shell
/// (<c>sh -c '…{{x}}…'</c>) or of an interpreter's inline code (<c>python3 -c</c>, <c>perl -e</c>, <c>node -e</c>,
/// <c>ruby -e</c>). Rendering keeps a value inside one argv element, but when that element is a script, the value
/// would be parsed as part of it. Pass values as the script's own arguments instead:
/// <c>[sh, -c, 'pg_dump "$1"', sh, '{{database}}']</c>.
/// </summary>
internal static class CommandSafety
{
    private static readonly string[] s_shells = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"];
    private static readonly string[] s_cInterpreters = ["python", "python2", "python3"];
    private static readonly string[] s_eInterpreters = ["perl", "ruby", "node", "nodejs"];

    /// <summary>The index of an element holding a placeholder inside inline program text; -1 when there is none.</summary>
    public static int FindPlaceholderInCode(CommandTemplate command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var arguments = command.Arguments;
        var program = Path.GetFileName(arguments[0].Text);
        var isShell = s_shells.Contains(program, StringComparer.Ordinal);
        var isC = s_cInterpreters.Contains(program, StringComparer.Ordinal);
        var isE = s_eInterpreters.Contains(program, StringComparer.Ordinal);
        if (!isShell && !isC && !isE)
        {
            return -1;
        }

        for (var i = 1; i < arguments.Count - 1; i++)
        {
            var flag = arguments[i].Text;
            var codeFollows = isShell
                ? flag.Length > 1 && flag[0] == '-' && flag[1] != '-' && flag.Contains('c', StringComparison.Ordinal)
                : flag == (isC ? "-c" : "-e") || (isE && flag == "-E");
            if (codeFollows && arguments[i + 1].Placeholders.Count > 0)
            {
                return i + 1;
            }

            if (codeFollows)
            {
                return -1;
            }
        }

        return -1;
    }
}
