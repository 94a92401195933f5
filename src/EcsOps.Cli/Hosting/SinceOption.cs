using System.CommandLine;
using System.Globalization;
using EcsOps.Aws.Config;

namespace EcsOps.Cli.Hosting;

/// <summary><c>--since DURATION|TIME</c>: <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c> ago, or a time such as <c>2025-03-14T09:00:00Z</c> (UTC when no offset).</summary>
public static class SinceOption
{
    public static Option<DateTimeOffset?> Create(TimeProvider timeProvider) => new("--since")
    {
        Description = "Only entries since a duration ago (15m, 2h, 7d) or a time (2025-03-14T09:00:00Z)",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TryParse(text, timeProvider.GetUtcNow(), out var since))
            {
                return since;
            }

            result.AddError($"--since must be a duration such as 15m, 2h or 7d, or a time such as 2025-03-14T09:00:00Z, not '{text}'");
            return null;
        },
    };

    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(text);
        since = default;
        text = text.Trim();
        if (text.EndsWith('d') && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days)
            && days >= 0 && days <= 3650)
        {
            since = now - TimeSpan.FromDays(days);
            return true;
        }

        if (!text.Contains('-', StringComparison.Ordinal) && ConfigDuration.TryParse(text, out var ago))
        {
            since = now - ago;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);
    }
}
