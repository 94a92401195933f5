using System.Globalization;

namespace EcsOps.Cli.Rendering;

/// <summary>Durations for people: <c>14 s</c>, <c>3 min 20 s</c>, <c>2 h 5 min</c>.</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, Math.Round(duration.TotalSeconds, 1))} s");
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min");
    }
}
