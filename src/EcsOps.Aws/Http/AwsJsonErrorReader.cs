using System.Net;
using System.Text;
using System.Text.Json;
using EcsOps.Aws.Json;

namespace EcsOps.Aws.Http;

/// <summary>
/// Turns an AWS JSON protocol error answer into a typed exception. The code comes from the
/// <c>x-amzn-ErrorType</c> header (<c>Code:http://…</c>) or else the body's <c>__type</c> (<c>namespace#Code</c>);
/// the message from <c>message</c> or <c>Message</c>. A body that is not JSON still yields an exception, with a
/// code derived from the status.
/// </summary>
public static class AwsJsonErrorReader
{
    /// <summary>The longest message we keep from a non-JSON error body.</summary>
    public const int MaxRawMessageLength = 512;

    public static AwsServiceException Read(HttpStatusCode statusCode, string? errorTypeHeader, string? requestId, ReadOnlySpan<byte> body)
    {
        AwsJsonError? parsed = null;
        try
        {
            parsed = body.IsEmpty ? null : JsonSerializer.Deserialize(body, AwsJsonErrorContext.Default.AwsJsonError);
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; fall through to the status-based code.
        }

        var code = CodeFromHeader(errorTypeHeader) ?? (parsed is null ? null : NonEmpty(parsed.Code)) ?? CodeFromStatus(statusCode);
        var message = parsed?.Text ?? RawMessage(body) ?? $"{(int)statusCode} {statusCode}";
        return AwsErrorCodes.ToException(code, message, statusCode, requestId);
    }

    private static string? CodeFromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? header : header[..colon];
        return NonEmpty(code[(code.LastIndexOf('#') + 1)..].Trim());
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private static string CodeFromStatus(HttpStatusCode statusCode) => statusCode switch
    {
        HttpStatusCode.Forbidden => "AccessDenied",
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.TooManyRequests => "TooManyRequestsException",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        >= HttpStatusCode.InternalServerError => "InternalFailure",
        _ => "UnknownError",
    };

    private static string? RawMessage(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxRawMessageLength)]).Trim();
        return text.Length == 0 ? null : text;
    }
}
