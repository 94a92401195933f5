using System.Text;

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
}
