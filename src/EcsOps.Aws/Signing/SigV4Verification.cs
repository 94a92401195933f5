namespace EcsOps.Aws.Signing;

/// <summary>
/// The outcome of verifying one request. On success it carries the credentials used and what a streaming
/// upload needs to check its chunk signatures; on failure a <see cref="Failure"/> and a message in AWS's words.
/// </summary>
public sealed record SigV4Verification
{
    public required SigV4Failure Failure { get; init; }

    /// <summary>Human-readable reason, empty on success.</summary>
    public string Message { get; init; } = "";

    /// <summary>The access key id the request claimed, when it could be parsed.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The known credentials behind <see cref="AccessKeyId"/>, on success.</summary>
    public AwsCredentials? Credentials { get; init; }

    /// <summary>The credential scope the request was signed for, when it could be parsed.</summary>
    public CredentialScope? Scope { get; init; }

    /// <summary>The request timestamp (<c>X-Amz-Date</c>), when it could be parsed.</summary>
    public string? AmzDate { get; init; }

    /// <summary>The payload hash the signature covers (a hex hash or a marker from <see cref="PayloadHashes"/>).</summary>
    public string? PayloadHash { get; init; }

    /// <summary>The verified signature: the seed of a streaming upload's chunk-signature chain.</summary>
    public string? Signature { get; init; }

    /// <summary>The derived signing key, on success; chunk signatures are computed with it.</summary>
    public byte[]? SigningKey { get; init; }

    /// <summary>What the server computed, for SignatureDoesNotMatch diagnostics.</summary>
    public CanonicalRequest? CanonicalRequest { get; init; }

    /// <summary>What the server computed, for SignatureDoesNotMatch diagnostics.</summary>
    public string? StringToSign { get; init; }

    /// <summary>True when the signature came in the query string.</summary>
    public bool IsPresigned { get; init; }

    public bool IsValid => Failure == SigV4Failure.None;

    /// <summary>Starts the chunk-signature chain of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload.</summary>
    public ChunkSignatureChain StartChunkChain()
    {
        if (!IsValid || SigningKey is null || AmzDate is null || Scope is null || Signature is null)
        {
            throw new InvalidOperationException("only a verified request starts a chunk-signature chain");
        }

        return new ChunkSignatureChain(SigningKey, AmzDate, Scope, Signature);
    }
}
