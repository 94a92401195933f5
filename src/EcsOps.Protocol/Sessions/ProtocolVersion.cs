using System.Globalization;

namespace EcsOps.Protocol.Sessions;

/// <summary>Dotted version comparisons as the two peers do them (fact sheet §7.1).</summary>
public static class ProtocolVersion
{
    /// <summary>
    /// The agent's ordering: component by component, numerically where both are numbers, ordinally
    /// otherwise; when one is a prefix of the other the shorter one is smaller ("1.2" &lt; "1.2.0").
    /// </summary>
    public static int Compare(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < left.Length && i < right.Length; i++)
        {
            var order = TryParseComponent(left[i], out var x) && TryParseComponent(right[i], out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        return Math.Sign(left.Length - right.Length);
    }

    /// <summary>
    /// The plugin's "newer than" test: true only when both are all-numeric with the same number of
    /// components and <paramref name="version"/> is greater. Anything else, including different component
    /// counts or unparsable input, is "not greater".
    /// </summary>
    public static bool IsGreaterThan(string? version, string than)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return false;
        }

        var left = version.Trim().Split('.');
        var right = than.Split('.');
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!TryParseComponent(left[i], out var x) || !TryParseComponent(right[i], out var y))
            {
                return false;
            }

            if (x != y)
            {
                return x > y;
            }
        }

        return false;
    }

    private static bool TryParseComponent(string component, out long value) =>
        long.TryParse(component, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
