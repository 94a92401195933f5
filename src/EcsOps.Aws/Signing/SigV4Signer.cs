using System.Globalization;

namespace EcsOps.Aws.Signing;

/// <summary>
/// Signs requests with AWS Signature Version 4, in header form (<c>Authorization</c>) or query form
/// (presigned URL). No AWS SDK: this is the signer behind our own ECS/Logs/KMS clients and the
/// signed websocket upgrade. The clock comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SigV4Signer(TimeProvider timeProvider)
{
    /// <summary>The longest validity a presigned URL may have (seven days).</summary>
    public static readonly TimeSpan MaxPresignedExpiry = TimeSpan.FromDays(7);

    // Headers that proxies and HTTP stacks add or rewrite; signing them would break verification.
    private static readonly HashSet<string> s_unsignableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "expect", "x-amzn-trace-id", "connection", "transfer-encoding",
    };

    // Headers the signer itself owns in header form.
    private static readonly HashSet<string> s_signerOwnedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        SigV4Names.DateHeader, SigV4Names.SecurityTokenHeader, SigV4Names.ContentSha256Header,
    };

    /// <summary>A signer reading the system clock.</summary>
    public SigV4Signer() : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// Signs <paramref name="request"/> in header form. The caller sets <see cref="SigV4HeaderSignature.HeadersToSet"/>
    /// (X-Amz-Date, X-Amz-Security-Token when there is a session token, X-Amz-Content-Sha256 when asked for,
    /// and Authorization) on the outgoing request.
    /// </summary>
    /// <param name="payloadHash">Hex SHA-256 of the body, or one of the markers in <see cref="PayloadHashes"/>.</param>
    public SigV4HeaderSignature Sign(
        SigV4Request request,
        AwsCredentials credentials,
        string region,
        string service,
        string payloadHash,
        SigV4SigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= SigV4SigningOptions.For(service);
        var now = timeProvider.GetUtcNow();
        var amzDate = AmzDate.FormatTimestamp(now);
        var scope = CredentialScope.For(now, region, service);

        var added = new List<KeyValuePair<string, string>> { new("X-Amz-Date", amzDate) };
        if (credentials.SessionToken is not null)
        {
            added.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        if (options.AddContentSha256Header)
        {
            added.Add(new("X-Amz-Content-Sha256", payloadHash));
        }

        var headers = SignableHeaders(request, excludeSignerOwned: true).Concat(added);
        var combined = CanonicalHeaders.Combine(headers);
        var signedHeaderNames = combined.Keys.ToList();
        var canonical = BuildCanonicalRequest(request, request.Query, combined, signedHeaderNames, payloadHash, options);
        var stringToSign = canonical.StringToSign(amzDate, scope);
        var signature = SigningKey.Sign(SigningKey.Derive(credentials.SecretAccessKey, scope), stringToSign);
        var authorization = new AuthorizationHeader(credentials.AccessKeyId, scope, signedHeaderNames, signature).ToString();
        added.Add(new("Authorization", authorization));
        return new SigV4HeaderSignature(
            authorization, amzDate, scope, canonical.SignedHeaders, signature, canonical, stringToSign, added);
    }

    /// <summary>
    /// Signs <paramref name="request"/> in query form. The X-Amz-* parameters are appended to the request's
    /// own query; the session token, when present, is signed with the rest.
    /// </summary>
    /// <param name="payloadHash">Defaults to UNSIGNED-PAYLOAD for S3 and the empty-body hash otherwise.</param>
    public SigV4PresignedRequest Presign(
        SigV4Request request,
        AwsCredentials credentials,
        string region,
        string service,
        TimeSpan expiresIn,
        string? payloadHash = null,
        SigV4SigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        if (expiresIn < TimeSpan.FromSeconds(1) || expiresIn > MaxPresignedExpiry)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresIn), expiresIn, "a presigned URL lives between 1 second and 7 days");
        }

        options ??= SigV4SigningOptions.For(service);
        payloadHash ??= options.UseS3Rules ? PayloadHashes.UnsignedPayload : PayloadHashes.EmptySha256;
        var now = timeProvider.GetUtcNow();
        var amzDate = AmzDate.FormatTimestamp(now);
        var scope = CredentialScope.For(now, region, service);

        var combined = CanonicalHeaders.Combine(SignableHeaders(request, excludeSignerOwned: false));
        var signedHeaderNames = combined.Keys.ToList();
        var authParameters = new List<KeyValuePair<string, string>>
        {
            new(SigV4Names.AlgorithmParameter, SigV4Names.Algorithm),
            new(SigV4Names.CredentialParameter, $"{credentials.AccessKeyId}/{scope}"),
            new(SigV4Names.DateParameter, amzDate),
            new(SigV4Names.ExpiresParameter, ((long)expiresIn.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new(SigV4Names.SignedHeadersParameter, string.Join(';', signedHeaderNames)),
        };
        if (credentials.SessionToken is not null)
        {
            authParameters.Add(new(SigV4Names.SecurityTokenParameter, credentials.SessionToken));
        }

        var query = AppendParameters(request.Query, authParameters);
        var canonical = BuildCanonicalRequest(request, query, combined, signedHeaderNames, payloadHash, options);
        var stringToSign = canonical.StringToSign(amzDate, scope);
        var signature = SigningKey.Sign(SigningKey.Derive(credentials.SecretAccessKey, scope), stringToSign);
        var signedQuery = AppendParameters(query, [new(SigV4Names.SignatureParameter, signature)]);
        return new SigV4PresignedRequest(signedQuery, amzDate, scope, signature, canonical, stringToSign);
    }

    private static IEnumerable<KeyValuePair<string, string>> SignableHeaders(SigV4Request request, bool excludeSignerOwned)
    {
        var hasHost = false;
        foreach (var header in request.Headers)
        {
            if (s_unsignableHeaders.Contains(header.Key) || (excludeSignerOwned && s_signerOwnedHeaders.Contains(header.Key)))
            {
                continue;
            }

            hasHost |= string.Equals(header.Key, SigV4Names.HostHeader, StringComparison.OrdinalIgnoreCase);
            yield return header;
        }

        if (!hasHost)
        {
            yield return new KeyValuePair<string, string>(SigV4Names.HostHeader, request.Host);
        }
    }

    private static CanonicalRequest BuildCanonicalRequest(
        SigV4Request request,
        string query,
        SortedDictionary<string, string> combined,
        IReadOnlyList<string> signedHeaderNames,
        string payloadHash,
        SigV4SigningOptions options) =>
        new(
            request.Method.ToUpperInvariant(),
            CanonicalUri.From(request.Path, options.UseS3Rules, options.NormalizePath),
            CanonicalQuery.From(query),
            CanonicalHeaders.Format(signedHeaderNames, combined),
            string.Join(';', signedHeaderNames),
            payloadHash);

    private static string AppendParameters(string query, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var encoded = string.Join('&', parameters.Select(static p =>
            AwsUriEncoding.Encode(p.Key, encodeSlash: true) + "=" + AwsUriEncoding.Encode(p.Value, encodeSlash: true)));
        return string.IsNullOrEmpty(query) ? encoded : query + "&" + encoded;
    }
}
