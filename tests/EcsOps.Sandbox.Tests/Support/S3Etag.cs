using System.Security.Cryptography;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>S3 ETags are MD5 digests by definition (not a security use), computed here to check the sandbox's.</summary>
internal static class S3Etag
{
    public static byte[] Md5(byte[] data)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(data);
        return md5.GetHashAndReset();
    }

    public static string Quoted(byte[] data) => $"\"{Convert.ToHexStringLower(Md5(data))}\"";

    public static string Multipart(params byte[][] parts) =>
        $"\"{Convert.ToHexStringLower(Md5([.. parts.SelectMany(Md5)]))}-{parts.Length}\"";
}
