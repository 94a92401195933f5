using System.Globalization;

namespace EcsOps.Runbooks.Running;

/// <summary>Durations as messages and plans show them: <c>90s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
public static class Durations
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var text = "";
        if (duration.Days > 0)
        {
            text += duration.Days.ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (duration.Hours > 0)
        {
            text += duration.Hours.ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (duration.Minutes > 0)
        {
            text += duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (duration.Seconds > 0 || text.Length == 0)
        {
            text += duration.Seconds.ToString(CultureInfo.InvariantCulture) + "s";
        }

        return text;
    }
}
