using System.Globalization;

namespace EcsOps.Cli.Rendering;

/// <summary>Byte counts for people: <c>812 B</c>, <c>12.3 MB</c>, <c>1.04 GB</c> (decimal units, as transfer rates are quoted).</summary>
public static class ByteSize
{
    private static readonly string[] s_units = ["B", "kB", "MB", "GB", "TB", "PB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < s_units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return unit == 0
            ? $"{bytes} B"
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {s_units[unit]}");
    }
}
