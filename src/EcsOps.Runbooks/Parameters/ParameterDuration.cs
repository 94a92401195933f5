using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsOps.Runbooks.Parameters;

/// <summary>Values of <c>duration</c> parameters: one or more whole numbers with a unit, <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static partial class ParameterDuration
{
    /// <summary>The longest duration accepted.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(366);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Duration().Match(text);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitAt = part.Value.AsSpan().IndexOfAnyExceptInRange('0', '9');
            if (!long.TryParse(part.Value.AsSpan(0, unitAt), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 1_000_000_000)
            {
                return false;
            }

            duration += part.Value[unitAt..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
            if (duration > Maximum)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^(?<part>[0-9]+(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
