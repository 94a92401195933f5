namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>
/// Named edits of a canonical request's text, for writing down how a peer's differs from ours. The text is
/// method, URI, query, one line per header, an empty line, the signed header names, the payload hash.
/// </summary>
internal static class CanonicalRequestEdit
{
    private const int UriLine = 1;
    private const int QueryLine = 2;
    private const int FirstHeaderLine = 3;

    public static string ReplaceUri(string canonical, string uri) => WithLine(canonical, UriLine, uri);

    public static string ReplaceQuery(string canonical, string query) => WithLine(canonical, QueryLine, query);

    /// <summary>Removes one <c>name=value</c> pair, given in its encoded form, from the query line.</summary>
    public static string RemoveQueryParameter(string canonical, string encodedPair) =>
        EditQuery(canonical, pairs => Removed(pairs, encodedPair));

    /// <summary>Moves one <c>name=value</c> pair, given in its encoded form, to the end of the query line.</summary>
    public static string MoveQueryParameterLast(string canonical, string encodedPair) =>
        EditQuery(canonical, pairs => [.. Removed(pairs, encodedPair), encodedPair]);

    public static string ReplaceHeaderValue(string canonical, string name, string value)
    {
        var lines = canonical.Split('\n');
        var index = HeaderLineIndex(lines, name);
        lines[index] = $"{name}:{value}";
        return string.Join('\n', lines);
    }

    /// <summary>Unsigns a header: drops its line and its name from the signed-header list (and X-Amz-SignedHeaders).</summary>
    public static string RemoveHeader(string canonical, string name)
    {
        var lines = canonical.Split('\n').ToList();
        lines.RemoveAt(HeaderLineIndex([.. lines], name));
        var signedHeadersLine = lines.Count - 2;
        var signed = lines[signedHeadersLine].Split(';');
        lines[signedHeadersLine] = string.Join(';', signed.Where(n => n != name));
        var edited = string.Join('\n', lines);
        return EditQuery(edited, pairs => [.. pairs.Select(p => p.StartsWith("X-Amz-SignedHeaders=", StringComparison.Ordinal)
            ? "X-Amz-SignedHeaders=" + string.Join("%3B", p["X-Amz-SignedHeaders=".Length..].Split("%3B").Where(n => n != name))
            : p)]);
    }

    private static string WithLine(string canonical, int index, string text)
    {
        var lines = canonical.Split('\n');
        lines[index] = text;
        return string.Join('\n', lines);
    }

    private static string EditQuery(string canonical, Func<string[], string[]> edit)
    {
        var query = canonical.Split('\n')[QueryLine];
        var pairs = query.Length == 0 ? [] : query.Split('&');
        return WithLine(canonical, QueryLine, string.Join('&', edit(pairs)));
    }

    private static string[] Removed(string[] pairs, string encodedPair)
    {
        var index = Array.IndexOf(pairs, encodedPair);
        if (index < 0)
        {
            throw new ArgumentException($"'{encodedPair}' is not in the canonical query", nameof(encodedPair));
        }

        return [.. pairs[..index], .. pairs[(index + 1)..]];
    }

    private static int HeaderLineIndex(string[] lines, string name)
    {
        for (var i = FirstHeaderLine; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (lines[i].StartsWith(name + ":", StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"header '{name}' is not in the canonical request", nameof(name));
    }
}
