namespace EcsOps.Aws.Signing;

/// <summary>The fixed strings of Signature Version 4, spelled as on the wire.</summary>
public static class SigV4Names
{
    /// <summary>The algorithm named in the Authorization header and the string to sign.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Algorithm line of a streaming (aws-chunked) chunk's string to sign.</summary>
    public const string ChunkAlgorithm = "AWS4-HMAC-SHA256-PAYLOAD";

    /// <summary>Algorithm line of a streaming upload's trailing-header string to sign.</summary>
    public const string TrailerAlgorithm = "AWS4-HMAC-SHA256-TRAILER";

    /// <summary>The last element of every credential scope.</summary>
    public const string ScopeTerminator = "aws4_request";

    public const string AuthorizationHeader = "authorization";
    public const string HostHeader = "host";
    public const string DateHeader = "x-amz-date";
    public const string HttpDateHeader = "date";
    public const string SecurityTokenHeader = "x-amz-security-token";
    public const string ContentSha256Header = "x-amz-content-sha256";

    public const string AlgorithmParameter = "X-Amz-Algorithm";
    public const string CredentialParameter = "X-Amz-Credential";
    public const string DateParameter = "X-Amz-Date";
    public const string ExpiresParameter = "X-Amz-Expires";
    public const string SignedHeadersParameter = "X-Amz-SignedHeaders";
    public const string SecurityTokenParameter = "X-Amz-Security-Token";
    public const string SignatureParameter = "X-Amz-Signature";
}
