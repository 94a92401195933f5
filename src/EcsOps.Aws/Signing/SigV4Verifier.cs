using System.Globalization;

namespace EcsOps.Aws.Signing;

/// <summary>
/// Checks an incoming request's SigV4 signature (Authorization header or presigned query) the way AWS does:
/// parse, look up the secret by access key id, check the session token and the clock, recompute the canonical
/// request from the request as received, compare. Never throws for bad input; the result says what failed.
/// </summary>
public sealed class SigV4Verifier(Func<string, AwsCredentials?> findCredentials, TimeProvider timeProvider)
{
    /// <summary>How far a request's timestamp may be from the server clock, either way.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    private const long MaxPresignedExpirySeconds = 604_800;

    /// <summary>Verifies <paramref name="request"/>.</summary>
    public SigV4Verification Verify(SigV4IncomingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = CanonicalHeaders.Combine(request.Headers);
        if (headers.TryGetValue(SigV4Names.AuthorizationHeader, out var authorization))
        {
            return VerifyHeaderForm(request, headers, authorization);
        }

        if (QueryParameters.Find(request.RawQuery, SigV4Names.AlgorithmParameter) is not null)
        {
            return VerifyQueryForm(request, headers);
        }

        return Fail(SigV4Failure.MissingAuthentication, "Missing Authentication Token");
    }

    private SigV4Verification VerifyHeaderForm(
        SigV4IncomingRequest request, SortedDictionary<string, string> headers, string authorization)
    {
        if (!AuthorizationHeader.TryParse(authorization, out var parsed, out var problem))
        {
            return Fail(SigV4Failure.MalformedAuthorization, problem);
        }

        string amzDate;
        DateTimeOffset requestTime;
        if (headers.TryGetValue(SigV4Names.DateHeader, out var xAmzDate))
        {
            if (!AmzDate.TryParseTimestamp(xAmzDate, out requestTime))
            {
                return Fail(SigV4Failure.MalformedAuthorization, $"X-Amz-Date '{xAmzDate}' is not of the form yyyyMMddTHHmmssZ.");
            }

            amzDate = xAmzDate;
        }
        else if (headers.TryGetValue(SigV4Names.HttpDateHeader, out var httpDate) && AmzDate.TryParseHttpDate(httpDate, out requestTime))
        {
            amzDate = AmzDate.FormatTimestamp(requestTime);
        }
        else
        {
            return Fail(SigV4Failure.MalformedAuthorization,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        var payloadHash = headers.GetValueOrDefault(SigV4Names.ContentSha256Header) ?? request.BodySha256;
        if (payloadHash is null)
        {
            return Fail(SigV4Failure.MalformedAuthorization,
                "Missing required header for this request: x-amz-content-sha256", parsed.AccessKeyId, parsed.Scope);
        }

        var token = headers.GetValueOrDefault(SigV4Names.SecurityTokenHeader);
        var claims = new Claims(parsed.AccessKeyId, parsed.Scope, amzDate, requestTime, parsed.SignedHeaders,
            parsed.Signature, token, payloadHash, Expires: null);
        return VerifyClaims(request, headers, claims, request.RawQuery, excludedQueryParameter: null);
    }

    private SigV4Verification VerifyQueryForm(SigV4IncomingRequest request, SortedDictionary<string, string> headers)
    {
        var query = request.RawQuery;
        var algorithm = QueryParameters.Find(query, SigV4Names.AlgorithmParameter);
        var credential = QueryParameters.Find(query, SigV4Names.CredentialParameter);
        var amzDate = QueryParameters.Find(query, SigV4Names.DateParameter);
        var expires = QueryParameters.Find(query, SigV4Names.ExpiresParameter);
        var signedHeaders = QueryParameters.Find(query, SigV4Names.SignedHeadersParameter);
        var signature = QueryParameters.Find(query, SigV4Names.SignatureParameter);
        var token = QueryParameters.Find(query, SigV4Names.SecurityTokenParameter);
        if (algorithm != SigV4Names.Algorithm)
        {
            return Fail(SigV4Failure.MalformedAuthorization, $"X-Amz-Algorithm only supports \"{SigV4Names.Algorithm}\".");
        }

        if (credential is null || amzDate is null || expires is null || signedHeaders is null || signature is null)
        {
            return Fail(SigV4Failure.MalformedAuthorization,
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }

        if (!CredentialScope.TryParseCredential(credential, out var accessKeyId, out var scope))
        {
            return Fail(SigV4Failure.MalformedAuthorization, $"X-Amz-Credential '{credential}' is malformed.");
        }

        if (!AmzDate.TryParseTimestamp(amzDate, out var requestTime))
        {
            return Fail(SigV4Failure.MalformedAuthorization, $"X-Amz-Date '{amzDate}' is not of the form yyyyMMddTHHmmssZ.");
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds)
            || expirySeconds < 1 || expirySeconds > MaxPresignedExpirySeconds)
        {
            return Fail(SigV4Failure.MalformedAuthorization,
                "X-Amz-Expires must be a whole number of seconds between 1 and 604800.");
        }

        var payloadHash = scope.IsS3
            ? QueryParameters.Find(query, "X-Amz-Content-Sha256") ?? PayloadHashes.UnsignedPayload
            : request.BodySha256 ?? PayloadHashes.EmptySha256;
        var claims = new Claims(accessKeyId, scope, amzDate, requestTime, signedHeaders.Split(';'), signature, token,
            payloadHash, TimeSpan.FromSeconds(expirySeconds));
        return VerifyClaims(request, headers, claims, query, SigV4Names.SignatureParameter);
    }

    private SigV4Verification VerifyClaims(
        SigV4IncomingRequest request,
        SortedDictionary<string, string> headers,
        Claims claims,
        string query,
        string? excludedQueryParameter)
    {
        var presigned = claims.Expires is not null;
        if (claims.Scope.Date != claims.AmzDate[..8])
        {
            return Fail(SigV4Failure.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{claims.Scope.Date}' != '{claims.AmzDate[..8]}', from '{claims.AmzDate}'.",
                claims.AccessKeyId, claims.Scope);
        }

        if (!claims.SignedHeaders.Contains(SigV4Names.HostHeader))
        {
            return Fail(SigV4Failure.MalformedAuthorization, "'Host' must be a signed header.", claims.AccessKeyId, claims.Scope);
        }

        var missing = claims.SignedHeaders.FirstOrDefault(name => !headers.ContainsKey(name));
        if (missing is not null)
        {
            return Fail(SigV4Failure.SignatureMismatch,
                $"The request signature we calculated does not match the signature you provided: signed header '{missing}' is not in the request.",
                claims.AccessKeyId, claims.Scope);
        }

        var credentials = findCredentials(claims.AccessKeyId);
        if (credentials is null)
        {
            return Fail(SigV4Failure.UnknownAccessKey,
                "The security token included in the request is invalid.", claims.AccessKeyId, claims.Scope);
        }

        if (credentials.SessionToken != claims.SessionToken)
        {
            return Fail(SigV4Failure.InvalidSessionToken,
                "The security token included in the request is invalid.", claims.AccessKeyId, claims.Scope);
        }

        var now = timeProvider.GetUtcNow();
        if (credentials.Expiration is { } expiration && now >= expiration)
        {
            return Fail(SigV4Failure.ExpiredToken,
                "The security token included in the request is expired.", claims.AccessKeyId, claims.Scope);
        }

        if (presigned)
        {
            if (claims.RequestTime - now > MaxClockSkew)
            {
                return Fail(SigV4Failure.RequestTimeTooSkewed,
                    "The difference between the request time and the current time is too large.", claims.AccessKeyId, claims.Scope);
            }

            if (now > claims.RequestTime + claims.Expires!.Value)
            {
                return Fail(SigV4Failure.PresignedUrlExpired, "Request has expired", claims.AccessKeyId, claims.Scope);
            }
        }
        else if ((now - claims.RequestTime).Duration() > MaxClockSkew)
        {
            var earliest = AmzDate.FormatTimestamp(now - MaxClockSkew);
            return Fail(SigV4Failure.RequestTimeTooSkewed,
                $"Signature expired: {claims.AmzDate} is now earlier than {earliest} ({AmzDate.FormatTimestamp(now)} - 15 min.)",
                claims.AccessKeyId, claims.Scope);
        }

        var canonical = new CanonicalRequest(
            request.Method.ToUpperInvariant(),
            CanonicalUri.From(request.RawPath, claims.Scope.IsS3, normalize: true),
            CanonicalQuery.From(query, excludedQueryParameter),
            CanonicalHeaders.Format(claims.SignedHeaders, headers),
            string.Join(';', claims.SignedHeaders),
            claims.PayloadHash);
        var stringToSign = canonical.StringToSign(claims.AmzDate, claims.Scope);
        var signingKey = SigningKey.Derive(credentials.SecretAccessKey, claims.Scope);
        var expected = SigningKey.Sign(signingKey, stringToSign);
        var verification = new SigV4Verification
        {
            Failure = SigV4Failure.None,
            AccessKeyId = claims.AccessKeyId,
            Scope = claims.Scope,
            AmzDate = claims.AmzDate,
            PayloadHash = claims.PayloadHash,
            CanonicalRequest = canonical,
            StringToSign = stringToSign,
            IsPresigned = presigned,
        };
        if (!SigningKey.SignaturesEqual(expected, claims.Signature))
        {
            return verification with
            {
                Failure = SigV4Failure.SignatureMismatch,
                Message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            };
        }

        return verification with { Credentials = credentials, Signature = expected, SigningKey = signingKey };
    }

    private static SigV4Verification Fail(SigV4Failure failure, string message, string? accessKeyId = null, CredentialScope? scope = null) =>
        new() { Failure = failure, Message = message, AccessKeyId = accessKeyId, Scope = scope };

    private sealed record Claims(
        string AccessKeyId,
        CredentialScope Scope,
        string AmzDate,
        DateTimeOffset RequestTime,
        IReadOnlyList<string> SignedHeaders,
        string Signature,
        string? SessionToken,
        string PayloadHash,
        TimeSpan? Expires);
}
