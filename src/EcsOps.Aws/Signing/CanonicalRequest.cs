using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Aws.Signing;

/// <summary>
/// The six lines SigV4 hashes: method, canonical URI, canonical query, canonical headers (each line ending in
/// a newline, so a blank line follows), signed header names and payload hash.
/// </summary>
public sealed record CanonicalRequest(
    string Method,
    string CanonicalUri,
    string CanonicalQueryString,
    string CanonicalHeadersBlock,
    string SignedHeaders,
    string PayloadHash)
{
    /// <summary>The text that is hashed into the string to sign.</summary>
    public override string ToString() =>
        $"{Method}\n{CanonicalUri}\n{CanonicalQueryString}\n{CanonicalHeadersBlock}\n{SignedHeaders}\n{PayloadHash}";

    /// <summary>Lowercase hex SHA-256 of <see cref="ToString"/>.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToString())));

    /// <summary>The string to sign for this request at <paramref name="amzDate"/> within <paramref name="scope"/>.</summary>
    public string StringToSign(string amzDate, CredentialScope scope) =>
        $"{SigV4Names.Algorithm}\n{amzDate}\n{scope}\n{Hash()}";
}
