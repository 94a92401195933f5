using System.Text;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks;

/// <summary>
/// POSIX shell quoting: every value becomes one single-quoted word, so no character in it (`;`, `$(…)`,
/// backticks, quotes, newlines, globs) can become shell syntax.
/// </summary>
public static class ShellQuoting
{
    /// <summary>Quotes one argument: <c>it's</c> becomes <c>'it'\''s'</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a shell argument cannot contain a NUL byte", nameof(value));
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Quotes each argument and joins them with spaces.</summary>
    public static string Join(IEnumerable<string> argv)
    {
        var line = new StringBuilder();
        foreach (var argument in argv)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(Quote(argument));
        }

        return line.ToString();
    }

    /// <summary>
    /// Quotes each element of a <see cref="ProtectedArgv"/> and joins them with spaces: literal text single-quoted, a
    /// secret reference as <c>"${name}"</c> (<paramref name="variableOf"/> gives the name), so the shell expands it
    /// without splitting or globbing and it stays part of its one word.
    /// </summary>
    public static string Join(ProtectedArgv argv, Func<int, string> variableOf)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(variableOf);
        return string.Join(' ', argv.Arguments.Select(parts => QuoteParts(parts, variableOf)));
    }

    private static string QuoteParts(IReadOnlyList<ArgumentPart> parts, Func<int, string> variableOf)
    {
        var word = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.IsSecret)
            {
                word.Append("\"${").Append(variableOf(part.SecretIndex)).Append("}\"");
            }
            else if (part.Text!.Length > 0)
            {
                word.Append(Quote(part.Text));
            }
        }

        return word.Length > 0 ? word.ToString() : "''";
    }
}
