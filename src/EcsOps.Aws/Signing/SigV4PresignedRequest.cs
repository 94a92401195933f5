namespace EcsOps.Aws.Signing;

/// <summary>The result of signing in query form: the complete wire query string (including X-Amz-Signature).</summary>
public sealed record SigV4PresignedRequest(
    string Query,
    string AmzDate,
    CredentialScope Scope,
    string Signature,
    CanonicalRequest CanonicalRequest,
    string StringToSign);
