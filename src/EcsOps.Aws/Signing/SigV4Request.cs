namespace EcsOps.Aws.Signing;

/// <summary>
/// A request to sign, as it will go on the wire: <paramref name="Path"/> and <paramref name="Query"/> are
/// already percent-encoded (or raw, as in the published test suite) and are canonicalised from that form.
/// </summary>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Host">The Host header value (authority, with the port when it is not the default).</param>
/// <param name="Path">The request path as sent, starting with <c>/</c>.</param>
/// <param name="Query">The query string as sent, without the leading <c>?</c>; empty for none.</param>
/// <param name="Headers">Headers to sign besides host and the ones the signer adds; repeats allowed.</param>
public sealed record SigV4Request(
    string Method,
    string Host,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Builds a request from an absolute URI, keeping the URI's own escaping of path and query.</summary>
    public static SigV4Request FromUri(string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        var query = uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        return new SigV4Request(method, uri.Authority, path.Length == 0 ? "/" : path, query, headers ?? []);
    }
}
