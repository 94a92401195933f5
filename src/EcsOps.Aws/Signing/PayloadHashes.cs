namespace EcsOps.Aws.Signing;

/// <summary>The values the payload-hash line of a canonical request (and <c>x-amz-content-sha256</c>) can take.</summary>
public static class PayloadHashes
{
    /// <summary>Hex SHA-256 of zero bytes: the payload hash of every bodiless request.</summary>
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>S3 only: the body is not covered by the signature (presigned URLs, TLS uploads).</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>S3 aws-chunked upload in which every chunk carries its own chained signature.</summary>
    public const string StreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

    /// <summary>As <see cref="StreamingSignedPayload"/>, followed by signed trailing headers (checksums).</summary>
    public const string StreamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

    /// <summary>aws-chunked upload without chunk signatures, followed by unsigned trailing headers.</summary>
    public const string StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>True for the three aws-chunked payload markers.</summary>
    public static bool IsStreaming(string payloadHash) =>
        payloadHash is StreamingSignedPayload or StreamingSignedPayloadTrailer or StreamingUnsignedPayloadTrailer;

    /// <summary>True when <paramref name="payloadHash"/> is a literal lowercase hex SHA-256 (64 hex digits).</summary>
    public static bool IsHexSha256(string payloadHash)
    {
        if (payloadHash.Length != 64)
        {
            return false;
        }

        foreach (var c in payloadHash)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
