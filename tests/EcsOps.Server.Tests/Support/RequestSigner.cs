using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Server.Tests.Support;

/// <summary>
/// The callers' side of the signatures, written here independently of the service's verifier: Slack's v0 scheme and
/// the ticket webhook's sha256 scheme.
/// </summary>
public static class RequestSigner
{
    public static string Slack(string secret, long timestamp, byte[] body) =>
        "v0=" + Hex(secret, [.. Encoding.ASCII.GetBytes($"v0:{timestamp}:"), .. body]);

    public static string Ticket(string secret, long timestamp, byte[] body) =>
        "sha256=" + Hex(secret, [.. Encoding.ASCII.GetBytes($"{timestamp}."), .. body]);

    private static string Hex(string secret, byte[] message)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash(message));
    }
}
