using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Aws.Signing;

/// <summary>
/// The signature chain of an aws-chunked upload (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>): each chunk's
/// signature covers its data hash and the previous signature, starting from the request's own signature, so
/// chunks can be neither altered, dropped nor reordered. The final zero-length chunk and the trailing
/// headers are signed the same way.
/// </summary>
public sealed class ChunkSignatureChain(byte[] signingKey, string amzDate, CredentialScope scope, string seedSignature)
{
    /// <summary>The signature the next chunk chains from.</summary>
    public string PreviousSignature { get; private set; } = seedSignature;

    /// <summary>Computes the signature of the next chunk from the hex SHA-256 of its data and advances the chain.</summary>
    public string NextChunkSignature(string chunkDataSha256)
    {
        var stringToSign =
            $"{SigV4Names.ChunkAlgorithm}\n{amzDate}\n{scope}\n{PreviousSignature}\n{PayloadHashes.EmptySha256}\n{chunkDataSha256}";
        PreviousSignature = SigningKey.Sign(signingKey, stringToSign);
        return PreviousSignature;
    }

    /// <summary>
    /// Hex SHA-256 of the canonical trailing headers: <c>name:value\n</c> per header, lowercase names in
    /// order, values trimmed (the <c>x-amz-trailer-signature</c> trailer itself excluded by the caller).
    /// </summary>
    public static string CanonicalTrailerSha256(IEnumerable<KeyValuePair<string, string>> trailers)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in trailers
            .Select(t => (Name: t.Key.Trim().ToLowerInvariant(), Value: t.Value.Trim()))
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>Computes the signature of the trailing headers from the hex SHA-256 of their canonical form.</summary>
    public string TrailerSignature(string canonicalTrailerSha256)
    {
        var stringToSign = $"{SigV4Names.TrailerAlgorithm}\n{amzDate}\n{scope}\n{PreviousSignature}\n{canonicalTrailerSha256}";
        PreviousSignature = SigningKey.Sign(signingKey, stringToSign);
        return PreviousSignature;
    }
}
