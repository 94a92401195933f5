using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Server.Security;

/// <summary>
/// A request signature of the form <c>PREFIX + hex(HMAC-SHA256(secret, TIMESTAMP + SEPARATOR + body))</c> with a Unix
/// timestamp header that must be within <see cref="Window"/> of now. Two instances: Slack's v0 scheme and ours for
/// ticket webhooks. Comparison is constant-time.
/// </summary>
public sealed class HmacRequestSignature
{
    /// <summary>How far a request's timestamp may be from now, either way (Slack recommends five minutes).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Slack: <c>X-Slack-Signature: v0=hex(HMAC(secret, "v0:" + X-Slack-Request-Timestamp + ":" + body))</c>.</summary>
    public static readonly HmacRequestSignature Slack = new("v0=", "v0:", ":");

    /// <summary>Tickets: <c>X-EcsOps-Signature: sha256=hex(HMAC(secret, X-EcsOps-Timestamp + "." + body))</c>.</summary>
    public static readonly HmacRequestSignature Ticket = new("sha256=", "", ".");

    private const int SignatureBytes = 32;

    private readonly string _prefix;
    private readonly string _messageStart;
    private readonly string _separator;

    private HmacRequestSignature(string prefix, string messageStart, string separator)
    {
        _prefix = prefix;
        _messageStart = messageStart;
        _separator = separator;
    }

    /// <summary>Checks a request; <paramref name="timestamp"/> and <paramref name="signature"/> are the raw header values.</summary>
    public SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signature.StartsWith(_prefix, StringComparison.Ordinal) || signature.Length != _prefix.Length + (SignatureBytes * 2)
            || !TryDecodeHex(signature.AsSpan(_prefix.Length), out var given))
        {
            return SignatureCheck.Malformed;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(secret, timestamp, body), given) ? SignatureCheck.Valid : SignatureCheck.Forged;
    }

    /// <summary>The header value for <paramref name="body"/> at <paramref name="timestamp"/> (what a sender computes).</summary>
    public string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        _prefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));

    private byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(_messageStart + timestamp + _separator);
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length;
    }
}
