namespace EcsOps.Aws.Signing;

/// <summary>A received request as the verifier needs it, independent of any web framework.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="RawPath">The path exactly as it appeared in the request line (still percent-encoded).</param>
/// <param name="RawQuery">The query exactly as received, without <c>?</c>.</param>
/// <param name="Headers">Every received header; a header sent twice appears twice.</param>
/// <param name="BodySha256">
/// Hex SHA-256 of the body when the caller has it (small buffered bodies); used when the request carries no
/// <c>x-amz-content-sha256</c> header. S3 requests always carry that header, so their bodies can stream.
/// </param>
public sealed record SigV4IncomingRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? BodySha256);
