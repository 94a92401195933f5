using System.Text;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// Splits a session's <c>command</c> parameter into argv the way a POSIX shell splits words, without running
/// a shell: the agent in container mode executes the command directly (fact sheet §6.2), as ECS Exec does.
/// Blanks separate words; '…' is literal; "…" keeps blanks and honours \" \\ \$ \`; a backslash elsewhere
/// escapes the next character. Nothing is expanded.
/// </summary>
public static class CommandArguments
{
    /// <exception cref="FormatException">A quote is not closed, or the command ends in a lone backslash.</exception>
    public static IReadOnlyList<string> Split(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException("the command has an unterminated single quote");
                    }

                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i = ReadDoubleQuoted(command, i + 1, word);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 == command.Length)
                    {
                        throw new FormatException("the command ends with a lone backslash");
                    }

                    word.Append(command[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Appends the double-quoted text starting at <paramref name="start"/>; returns the index of the closing quote.</summary>
    private static int ReadDoubleQuoted(string command, int start, StringBuilder word)
    {
        for (var i = start; i < command.Length; i++)
        {
            var c = command[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(command[++i]);
                continue;
            }

            word.Append(c);
        }

        throw new FormatException("the command has an unterminated double quote");
    }
}
