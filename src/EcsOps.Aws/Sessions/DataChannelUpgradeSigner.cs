using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// Signs the websocket upgrade of a data channel with SigV4, as session-manager-plugin 1.2.764.0 and later do
/// (fact sheet §2.1): service <c>ssmmessages</c>, the session's region, signed headers <c>host</c>,
/// <c>x-amz-date</c> and (for temporary credentials) <c>x-amz-security-token</c>, empty-body hash. Credentials are
/// asked for on every call, so a reconnect hours later signs with fresh ones. A presigned StreamUrl is used as is.
/// </summary>
public sealed class DataChannelUpgradeSigner
{
    /// <summary>The SigV4 signing name of the Session Manager message gateway.</summary>
    public const string ServiceName = "ssmmessages";

    private static readonly string[] s_presignParameters =
    [
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature",
        "X-Amz-Security-Token",
    ];

    private readonly IAwsCredentialsProvider _credentials;
    private readonly string _region;
    private readonly SigV4Signer _signer;

    public DataChannelUpgradeSigner(IAwsCredentialsProvider credentials, string region, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        _credentials = credentials;
        _region = region;
        _signer = new SigV4Signer(timeProvider);
    }

    /// <summary>
    /// The headers to add to the upgrade GET of <paramref name="streamUrl"/> (X-Amz-Date, X-Amz-Security-Token,
    /// Authorization); none when the URL is presigned. Host is signed but not returned: the websocket client sets it
    /// from the URL.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, string>> SignAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamUrl);
        if (IsPresigned(streamUrl))
        {
            return new Dictionary<string, string>();
        }

        var credentials = await _credentials.GetCredentialsAsync(cancellationToken);
        var signature = _signer.Sign(SigV4Request.FromUri("GET", streamUrl), credentials, _region, ServiceName, PayloadHashes.EmptySha256);
        return signature.HeadersToSet
            .Where(h => !string.Equals(h.Key, SigV4Names.HostHeader, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when the URL's query already carries a SigV4 query signature.</summary>
    public static bool IsPresigned(Uri streamUrl)
    {
        ArgumentNullException.ThrowIfNull(streamUrl);
        var query = streamUrl.Query.TrimStart('?');
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => Uri.UnescapeDataString(pair.Split('=', 2)[0]))
            .Any(name => s_presignParameters.Contains(name, StringComparer.OrdinalIgnoreCase));
    }
}
