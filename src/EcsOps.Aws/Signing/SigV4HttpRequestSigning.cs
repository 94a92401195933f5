using System.Security.Cryptography;

namespace EcsOps.Aws.Signing;

/// <summary>Signs an <see cref="HttpRequestMessage"/> in place, for small requests whose body can be hashed up front.</summary>
public static class SigV4HttpRequestSigning
{
    /// <summary>
    /// Hashes the body (buffering it), signs Host, Content-Type and every request header except the
    /// unsignable ones, and sets X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256 (S3) and Authorization.
    /// </summary>
    public static async Task<SigV4HeaderSignature> SignAsync(
        this SigV4Signer signer,
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(request));
        var payloadHash = PayloadHashes.EmptySha256;
        var headers = new List<KeyValuePair<string, string>>();
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
            if (request.Content.Headers.ContentType is { } contentType)
            {
                headers.Add(new("Content-Type", contentType.ToString()));
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            headers.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value)));
        }

        var signature = signer.Sign(
            SigV4Request.FromUri(request.Method.Method, uri, headers), credentials, region, service, payloadHash);
        foreach (var (name, value) in signature.HeadersToSet)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return signature;
    }
}
