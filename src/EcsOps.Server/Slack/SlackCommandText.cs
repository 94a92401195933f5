using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.Server.Slack;

/// <summary>
/// Reads the text of <c>/ecsops run RUNBOOK [target=T] [name=value …]</c>. Values may be quoted with "…" or '…' (also
/// the curly quotes Slack clients type) to hold spaces. Slack escapes &amp;, &lt; and &gt; in the text; they are
/// unescaped first. The words are data, never shell: the runbook engine renders them.
/// </summary>
public static partial class SlackCommandText
{
    /// <summary>The parameter name that selects the target.</summary>
    public const string TargetKey = "target";

    public const string Usage = "usage: /ecsops run RUNBOOK [target=TARGET] [name=value …] (quote values with spaces: comment=\"pre release\")";

    public static SlackCommand Parse(string? text)
    {
        var words = Split(Unescape(text ?? ""), out var problem);
        if (problem is not null)
        {
            return new SlackCommand { Problem = problem };
        }

        if (words.Count == 0 || words is ["help"])
        {
            return new SlackCommand { IsHelp = true };
        }

        if (words[0] != "run")
        {
            return new SlackCommand { Problem = $"unknown command '{words[0]}'; {Usage}" };
        }

        if (words.Count < 2 || words[1].Contains('=', StringComparison.Ordinal))
        {
            return new SlackCommand { Problem = "name the runbook to run; " + Usage };
        }

        string? target = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words.Skip(2))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word : word[..equals];
            if (equals < 0 || !ParameterName().IsMatch(name))
            {
                return new SlackCommand { Problem = $"'{word}' is not name=value; {Usage}" };
            }

            if ((name == TargetKey && target is not null) || parameters.ContainsKey(name))
            {
                return new SlackCommand { Problem = $"'{name}' is given twice" };
            }

            if (name == TargetKey)
            {
                target = word[(equals + 1)..];
            }
            else
            {
                parameters[name] = word[(equals + 1)..];
            }
        }

        return new SlackCommand { Runbook = words[1], Target = target, Parameters = parameters };
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Splits on whitespace; a quote (straight or curly) runs to its closing quote, inside or after <c>name=</c>.</summary>
    private static List<string> Split(string text, out string? problem)
    {
        problem = null;
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? closing = null;
        foreach (var c in text)
        {
            if (closing is { } close)
            {
                if (c == close)
                {
                    closing = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (ClosingQuote(c) is { } quote)
            {
                closing = quote;
                inWord = true;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (closing is not null)
        {
            problem = "a quoted value is not closed";
        }
        else if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static char? ClosingQuote(char c) => c switch
    {
        '"' => '"',
        '\'' => '\'',
        '\u201C' => '\u201D',
        '\u2018' => '\u2019',
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex ParameterName();
}
