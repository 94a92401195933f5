using System.Globalization;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Version comparison as the plugin and agent do it for feature switches (fact sheet §7.1): split on dots,
/// compare the parts as integers left to right. Versions with a different number of parts, or with a part
/// that is not a non-negative integer, are not comparable and count as "not greater".
/// </summary>
public static class ProtocolVersion
{
    /// <summary>True when <paramref name="version"/> is strictly greater than <paramref name="than"/>.</summary>
    public static bool IsGreaterThan(string? version, string than) => Compare(version, than) > 0;

    /// <summary>True when <paramref name="version"/> is greater than or equal to <paramref name="than"/>.</summary>
    public static bool IsAtLeast(string? version, string than) => Compare(version, than) >= 0;

    /// <summary>
    /// -1, 0 or 1 like <see cref="IComparer{T}"/>, or null when the two are not comparable.
    /// </summary>
    public static int? Compare(string? left, string? right)
    {
        if (!TryParse(left, out var leftParts) || !TryParse(right, out var rightParts) || leftParts.Length != rightParts.Length)
        {
            return null;
        }

        for (var i = 0; i < leftParts.Length; i++)
        {
            var order = leftParts[i].CompareTo(rightParts[i]);
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        return 0;
    }

    private static bool TryParse(string? version, out long[] parts)
    {
        parts = [];
        if (string.IsNullOrWhiteSpace(version))
        {
            return false;
        }

        var texts = version.Trim().Split('.');
        var values = new long[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!long.TryParse(texts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        parts = values;
        return true;
    }
}
