using System.Globalization;

namespace EcsOps.Aws.Signing;

/// <summary>The ISO 8601 basic timestamps of SigV4: <c>20150830T123600Z</c> and the scope date <c>20150830</c>.</summary>
public static class AmzDate
{
    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string DateFormat = "yyyyMMdd";

    // The IMF-fixdate of HTTP ("... GMT"), and the numeric-zone form of RFC 2822 ("... -0000") that botocore
    // writes when it signs a request carrying a Date header.
    private static readonly string[] s_httpDateFormats = ["r", "ddd, dd MMM yyyy HH:mm:ss zzz"];

    /// <summary>Formats the <c>X-Amz-Date</c> value (UTC, whole seconds).</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats the date element of a credential scope.</summary>
    public static string FormatDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses an <c>X-Amz-Date</c> value; false for anything but the exact basic format.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            value,
            TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);

    /// <summary>
    /// Parses a <c>Date</c> header, which SigV4 accepts when <c>X-Amz-Date</c> is absent: RFC 1123 with
    /// <c>GMT</c> or with a numeric zone such as <c>-0000</c>.
    /// </summary>
    public static bool TryParseHttpDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            value,
            s_httpDateFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
}
