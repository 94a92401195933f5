using System.Text.RegularExpressions;

namespace EcsOps.Server.Slack;

/// <summary>Slack user ids (<c>U012AB3CD</c>, <c>W…</c> in Enterprise Grid): checked before they become principals.</summary>
public static partial class SlackUserIds
{
    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Z0-9]{2,32}$")]
    private static partial Regex Pattern();
}
