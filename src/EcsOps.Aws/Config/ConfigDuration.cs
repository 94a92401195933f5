using System.Globalization;

namespace EcsOps.Aws.Config;

/// <summary>Durations in ecsops.yaml: <c>90</c> (seconds), <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c>, <c>0</c>.</summary>
public static class ConfigDuration
{
    /// <summary>Parses a duration; false for anything else, including negative values.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], TimeSpan.FromMilliseconds(1))
            : text.EndsWith('s') ? (text[..^1], TimeSpan.FromSeconds(1))
            : text.EndsWith('m') ? (text[..^1], TimeSpan.FromMinutes(1))
            : text.EndsWith('h') ? (text[..^1], TimeSpan.FromHours(1))
            : (text, TimeSpan.FromSeconds(1));
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0 || value * unit.TotalSeconds > TimeSpan.FromDays(365).TotalSeconds)
        {
            return false;
        }

        duration = unit * value;
        return true;
    }
}
