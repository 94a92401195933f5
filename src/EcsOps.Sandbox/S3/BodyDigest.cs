using System.Security.Cryptography;

namespace EcsOps.Sandbox.S3;

/// <summary>Length and digests of a decoded request body, computed while it streams to disk.</summary>
public sealed record BodyDigest(long Length, byte[] Md5, byte[] Sha256)
{
    public string Md5Hex => Convert.ToHexStringLower(Md5);
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);
}

/// <summary>Accumulates MD5 (for the ETag) and SHA-256 (for x-amz-content-sha256) over streamed bytes.</summary>
internal sealed class BodyHasher : IDisposable
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _md5.AppendData(data);
        _sha256.AppendData(data);
        Length += data.Length;
    }

    public BodyDigest Finish() => new(Length, _md5.GetHashAndReset(), _sha256.GetHashAndReset());

    public void Dispose()
    {
        _md5.Dispose();
        _sha256.Dispose();
    }
}
