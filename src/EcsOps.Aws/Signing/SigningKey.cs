using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Aws.Signing;

/// <summary>Derives the per-day, per-region, per-service signing key and computes signatures with it.</summary>
public static class SigningKey
{
    /// <summary>HMAC chain <c>"AWS4"+secret → date → region → service → "aws4_request"</c>.</summary>
    public static byte[] Derive(string secretAccessKey, CredentialScope scope)
    {
        var dateKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), scope.Date);
        var regionKey = Hmac(dateKey, scope.Region);
        var serviceKey = Hmac(regionKey, scope.Service);
        return Hmac(serviceKey, SigV4Names.ScopeTerminator);
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="stringToSign"/>: the signature.</summary>
    public static string Sign(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    /// <summary>Compares two hex signatures in constant time.</summary>
    public static bool SignaturesEqual(string expected, string provided) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
