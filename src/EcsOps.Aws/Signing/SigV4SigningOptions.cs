namespace EcsOps.Aws.Signing;

/// <summary>How a request is canonicalised and which helper headers the signer adds.</summary>
public sealed record SigV4SigningOptions
{
    /// <summary>The defaults for a signing name: S3 rules and an <c>x-amz-content-sha256</c> header for S3.</summary>
    public static SigV4SigningOptions For(string service)
    {
        var s3 = new CredentialScope("", "", service).IsS3;
        return new SigV4SigningOptions { UseS3Rules = s3, AddContentSha256Header = s3 };
    }

    /// <summary>Sign the path encoded once and un-normalised, as S3 requires.</summary>
    public bool UseS3Rules { get; init; }

    /// <summary>Remove dot and empty path segments before encoding (ignored under S3 rules).</summary>
    public bool NormalizePath { get; init; } = true;

    /// <summary>Add and sign an <c>x-amz-content-sha256</c> header carrying the payload hash.</summary>
    public bool AddContentSha256Header { get; init; }
}
