using System.Text;

namespace EcsOps.Aws.Signing;

/// <summary>
/// The CanonicalHeaders block: lowercase names, values trimmed with inner runs of whitespace (including
/// folded line breaks) collapsed to one space, repeated headers joined with commas in the order received.
/// </summary>
internal static class CanonicalHeaders
{
    /// <summary>Groups headers by lowercase name, keeping the first-seen order of repeated values.</summary>
    public static SortedDictionary<string, string> Combine(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var combined = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            var canonical = CanonicalValue(value);
            combined[key] = combined.TryGetValue(key, out var existing) ? existing + "," + canonical : canonical;
        }

        return combined;
    }

    /// <summary>Writes <c>name:value\n</c> for every header in <paramref name="signedHeaderNames"/>, in that order.</summary>
    public static string Format(IReadOnlyList<string> signedHeaderNames, IReadOnlyDictionary<string, string> combined)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaderNames)
        {
            builder.Append(name).Append(':').Append(combined[name]).Append('\n');
        }

        return builder.ToString();
    }

    public static string CanonicalValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
