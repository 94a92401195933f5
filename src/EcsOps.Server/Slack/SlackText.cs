namespace EcsOps.Server.Slack;

/// <summary>Text for Slack's mrkdwn: &amp;, &lt; and &gt; escaped so that nothing a caller typed becomes a mention or a link.</summary>
public static class SlackText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Inline code, with backticks removed so the value cannot end the code span.</summary>
    public static string Code(string text) => "`" + Escape(text.Replace('`', '\'')) + "`";

    /// <summary>A mention of a principal: <c>&lt;@U123&gt;</c> for Slack users, the escaped principal otherwise.</summary>
    public static string Who(string principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.StartsWith("slack:", StringComparison.Ordinal) && principal[6..].All(char.IsAsciiLetterOrDigit)
            ? $"<@{principal[6..]}>"
            : Escape(principal);
    }
}
