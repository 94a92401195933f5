namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>What one implementation produced for one request, in one form.</summary>
/// <param name="CanonicalRequest">The six-line text that was hashed.</param>
/// <param name="StringToSign">The four-line text that was signed.</param>
/// <param name="Signature">Lowercase hex signature.</param>
/// <param name="Authorization">The Authorization header value (header form only).</param>
/// <param name="PresignedQuery">The complete query of the presigned URL, without <c>?</c> (query form only).</param>
internal sealed record SigningOutcome(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string? Authorization = null,
    string? PresignedQuery = null);
