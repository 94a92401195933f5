namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>A peer's result for one case and form, and the request as that peer would send it.</summary>
/// <param name="Url">The URL the peer would send to (the presigned URL in query form), exactly as it wrote it.</param>
/// <param name="Headers">The headers the peer would send, Authorization included; Host only if the peer sets it itself.</param>
internal sealed record PeerSignedRequest(string Url, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Canonical request, string to sign and signature.</summary>
    public SigningOutcome Outcome { get; init; } = null!;

    /// <summary>The path of <see cref="Url"/> exactly as written (System.Uri would resolve dot segments).</summary>
    public string RawPath
    {
        get
        {
            var afterScheme = Url[(Url.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var path = afterScheme[afterScheme.IndexOf('/', StringComparison.Ordinal)..];
            var query = path.IndexOf('?', StringComparison.Ordinal);
            return query < 0 ? path : path[..query];
        }
    }

    /// <summary>The query of <see cref="Url"/> exactly as written, without <c>?</c>.</summary>
    public string RawQuery
    {
        get
        {
            var query = Url.IndexOf('?', StringComparison.Ordinal);
            return query < 0 ? "" : Url[(query + 1)..];
        }
    }
}
