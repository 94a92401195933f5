using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using EcsOps.Aws.Tests.Signing;

namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>
/// Expected SigV4 results from AWSSDK.Core's own signer, in process. The SDK's <c>SignRequest</c> returns
/// the signature but not the canonical request, so after signing this class rebuilds the canonical request
/// from the request as the signer left it, with the SDK's own canonicalisation helpers (protected statics of
/// <see cref="AWS4Signer"/>, hence the subclass), and proves the rebuild by re-deriving the SDK's signature.
/// </summary>
/// <remarks>
/// How a case becomes an SDK request, and why:
/// <list type="bullet">
/// <item>The SDK takes the path and query parameters decoded and encodes them itself, so the wire forms of a
/// case are decoded first; the path goes in through a greedy path label, as the service clients do.</item>
/// <item>Its headers are a dictionary, so a repeated header arrives pre-joined with commas, as an HTTP stack
/// would fold it.</item>
/// <item>Its request pipeline, not the signer, adds <c>X-Amz-Security-Token</c> (as a header, or for a
/// presigned URL as a parameter) before signing; so does this class.</item>
/// <item>In header form the SDK always signs <c>x-amz-content-sha256</c>, for every service; compare it with
/// our signer asked to do the same.</item>
/// </list>
/// </remarks>
internal sealed class AwsSdkSigV4 : AWS4Signer
{
    private static readonly AwsSdkTestConfig s_config = new();
    private const string GreedyPathLabel = "{Path+}";
    private static readonly DateTime s_signingTime = SigV4Cases.SigningTime.UtcDateTime;

    public static SigningOutcome Sign(SigV4Case testCase) => SignedRequest(testCase).Outcome;

    /// <summary>The case signed in header form, with the URL and headers the SDK would send.</summary>
    public static PeerSignedRequest SignedRequest(SigV4Case testCase)
    {
        var request = ToSdkRequest(testCase);
        if (testCase.Body.Length > 0)
        {
            request.Content = System.Text.Encoding.UTF8.GetBytes(testCase.Body);
        }

        if (testCase.SessionToken is not null)
        {
            request.Headers[HeaderKeys.XAmzSecurityTokenHeader] = testCase.SessionToken;
        }

        var result = new AWS4Signer().SignRequest(
            request, s_config, metrics: null, SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey, s_signingTime);

        var canonicalRequest = CanonicalizeRequest(
            request.Endpoint,
            request.ResourcePath,
            request.HttpMethod,
            SortAndPruneHeaders(request.Headers),
            CanonicalizeQueryParameters(GetParametersToCanonicalize(request)),
            request.Headers[HeaderKeys.XAmzContentSha256Header],
            request.PathResources,
            request.UseDoubleEncoding);
        var headers = request.Headers
            .Append(new(HeaderKeys.AuthorizationHeader, result.ForAuthorizationHeader))
            .ToList();
        return new PeerSignedRequest(AmazonServiceClient.ComposeUrl(request).OriginalString, headers)
        {
            Outcome = Proven(canonicalRequest, result) with { Authorization = result.ForAuthorizationHeader },
        };
    }

    public static SigningOutcome Presign(SigV4Case testCase)
    {
        var request = ToSdkRequest(testCase);
        request.Parameters["X-Amz-Expires"] = SigV4Cases.PresignedExpirySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (testCase.SessionToken is not null)
        {
            request.Parameters["X-Amz-Security-Token"] = testCase.SessionToken;
        }

        var result = AWS4PreSignedUrlSigner.SignRequest(
            request, s_config, metrics: null, SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey,
            testCase.Service, SigV4Cases.Region, s_signingTime);

        // The presigner adds its four X-Amz-* parameters to the request's own before canonicalising.
        var parameters = GetParametersToCanonicalize(request);
        parameters.Add(new(HeaderKeys.XAmzAlgorithm, AWS4AlgorithmTag));
        parameters.Add(new(HeaderKeys.XAmzCredential, $"{SigV4Cases.AccessKeyId}/{result.Scope}"));
        parameters.Add(new(HeaderKeys.XAmzDateHeader, result.ISO8601DateTime));
        parameters.Add(new(HeaderKeys.XAmzSignedHeadersHeader, result.SignedHeaders));
        var canonicalRequest = CanonicalizeRequest(
            request.Endpoint,
            request.ResourcePath,
            request.HttpMethod,
            SortAndPruneHeaders(request.Headers),
            CanonicalizeQueryParameters(parameters),
            AWS4PreSignedUrlSigner.ServicesUsingUnsignedPayload.Contains(testCase.Service) ? UnsignedPayload : EmptyBodySha256,
            request.PathResources,
            request.UseDoubleEncoding);

        // The SDK's S3 client writes the URL as the request's own parameters followed by the signer's.
        var ownParameters = request.ParameterCollection.GetSortedParametersList()
            .Select(p => AWSSDKUtils.UrlEncode(p.Key, false) + "=" + AWSSDKUtils.UrlEncode(p.Value, false));
        var query = string.Join('&', ownParameters.Append(result.ForQueryParameters));
        return Proven(canonicalRequest, result) with { PresignedQuery = query };
    }

    /// <summary>The case as the SDK wants it: decoded path and parameters, one value per header name.</summary>
    private static DefaultRequest ToSdkRequest(SigV4Case testCase)
    {
        var request = new DefaultRequest(new EmptyRequest(), "EcsOpsTests")
        {
            HttpMethod = testCase.Method,
            Endpoint = new Uri($"https://{testCase.Host}"),
            ResourcePath = "/" + GreedyPathLabel,
            AuthenticationRegion = SigV4Cases.Region,
            OverrideSigningServiceName = testCase.Service,
            UseQueryString = true,
        };
        // Service clients put keys and other path values in through a greedy label, which the SDK then escapes
        // as a path (every byte outside the unreserved set but '/'); a plain ResourcePath is escaped more loosely.
        request.AddPathResource(GreedyPathLabel, Uri.UnescapeDataString(testCase.Path)[1..]);
        // Split here rather than with our own QueryParameters, so the peer shares no code with what it checks.
        var pairs = testCase.Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Uri.UnescapeDataString(p[0]), Value: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""));
        foreach (var group in pairs.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var values = group.Select(p => p.Value).ToList();
            if (values.Count == 1)
            {
                request.ParameterCollection.Add(group.Key, values[0]);
            }
            else
            {
                request.ParameterCollection.Add(group.Key, values);
            }
        }

        foreach (var group in testCase.Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            request.Headers[group.Key] = string.Join(',', group.Select(h => h.Value));
        }

        return request;
    }

    /// <summary>
    /// Re-derives the signature from the rebuilt canonical request with the SDK's own hashing and key
    /// derivation; if it is not the SDK's signature, the rebuild is wrong and no comparison can be trusted.
    /// </summary>
    private static SigningOutcome Proven(string canonicalRequest, AWS4SigningResult result)
    {
        var stringToSign = $"{AWS4AlgorithmTag}\n{result.ISO8601DateTime}\n{result.Scope}\n{Convert.ToHexStringLower(ComputeHash(canonicalRequest))}";
        var signature = Convert.ToHexStringLower(ComputeKeyedHash(SigningAlgorithm.HmacSHA256, result.GetSigningKey(), stringToSign));
        if (signature != result.Signature)
        {
            throw new InvalidOperationException(
                "The canonical request rebuilt with AWSSDK.Core's helpers is not the one its signer signed; "
                + "AWSSDK.Core has changed and AwsSdkSigV4 needs updating.\n" + canonicalRequest);
        }

        return new SigningOutcome(canonicalRequest, stringToSign, result.Signature);
    }

    private sealed class EmptyRequest : AmazonWebServiceRequest;
}
