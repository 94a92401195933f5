namespace EcsOps.Aws.Signing;

/// <summary>Splits a wire query string (<c>a=1&amp;b</c>, no leading <c>?</c>) into its raw name/value pairs.</summary>
public static class QueryParameters
{
    /// <summary>
    /// The parameters in wire order, still percent-encoded. A parameter without <c>=</c> has an empty value;
    /// empty components (<c>a=1&amp;&amp;b=2</c>) are skipped.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseRaw(string wireQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(wireQuery))
        {
            return pairs;
        }

        var query = wireQuery.StartsWith('?') ? wireQuery[1..] : wireQuery;
        foreach (var component in query.Split('&'))
        {
            if (component.Length == 0)
            {
                continue;
            }

            var equals = component.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0
                ? new KeyValuePair<string, string>(component, "")
                : new KeyValuePair<string, string>(component[..equals], component[(equals + 1)..]));
        }

        return pairs;
    }

    /// <summary>The decoded value of the first parameter named <paramref name="name"/> (case-sensitive), or null.</summary>
    public static string? Find(string wireQuery, string name)
    {
        foreach (var (key, value) in ParseRaw(wireQuery))
        {
            if (AwsUriEncoding.Decode(key) == name)
            {
                return AwsUriEncoding.Decode(value);
            }
        }

        return null;
    }
}
