namespace EcsOps.Aws.Signing;

/// <summary>
/// The result of signing a request in header form: the headers to set on the request, and the intermediate
/// values for diagnostics and for chaining streaming chunk signatures.
/// </summary>
public sealed record SigV4HeaderSignature(
    string Authorization,
    string AmzDate,
    CredentialScope Scope,
    string SignedHeaders,
    string Signature,
    CanonicalRequest CanonicalRequest,
    string StringToSign,
    IReadOnlyList<KeyValuePair<string, string>> HeadersToSet);
