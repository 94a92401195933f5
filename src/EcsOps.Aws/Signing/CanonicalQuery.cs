using System.Text;

namespace EcsOps.Aws.Signing;

/// <summary>
/// The CanonicalQueryString line: every parameter re-encoded by SigV4's rules (so <c>/</c> becomes
/// <c>%2F</c>), sorted by encoded name and then encoded value, joined with <c>&amp;</c>; a parameter without a
/// value is written <c>name=</c>.
/// </summary>
internal static class CanonicalQuery
{
    public static string From(string wireQuery, string? excludedParameter = null)
    {
        var encoded = new List<(string Name, string Value)>();
        foreach (var (name, value) in QueryParameters.ParseRaw(wireQuery))
        {
            var canonicalName = AwsUriEncoding.Reencode(name, encodeSlash: true);
            if (excludedParameter is not null && canonicalName == excludedParameter)
            {
                continue;
            }

            encoded.Add((canonicalName, AwsUriEncoding.Reencode(value, encodeSlash: true)));
        }

        encoded.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        var builder = new StringBuilder();
        foreach (var (name, value) in encoded)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }
}
