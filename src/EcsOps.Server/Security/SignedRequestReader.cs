using System.Globalization;
using EcsOps.Server.Audit;
using EcsOps.Server.Submissions;

namespace EcsOps.Server.Security;

/// <summary>
/// The first steps of every signed endpoint: read the body within the size limit, find the configured secret whose
/// HMAC matches (constant-time, each secret tried), check the timestamp window, and refuse a replay. Refusals are
/// audited as unverified requests.
/// </summary>
public sealed class SignedRequestReader(ReplayGuard replays, RefusalAudit refusals, TimeProvider time)
{
    /// <param name="secrets">Signer name → secret; the first that verifies names the signer.</param>
    /// <param name="channel">The audit channel when the request is refused (before its signer is known).</param>
    public async Task<SignedRequest> ReadAsync(
        HttpRequest request,
        HmacRequestSignature scheme,
        string timestampHeader,
        string signatureHeader,
        IReadOnlyList<KeyValuePair<string, string>> secrets,
        string channel,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(secrets);
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return await RefuseAsync(
                channel, RefusalKind.MalformedRequest, $"the body is larger than {RequestBody.MaxBytes / 1024} KiB", StatusCodes.Status413PayloadTooLarge, cancellationToken);
        }

        var timestamp = request.Headers[timestampHeader].ToString();
        var signature = request.Headers[signatureHeader].ToString();
        var check = SignatureCheck.Forged;
        var now = time.GetUtcNow();
        foreach (var (name, secret) in secrets)
        {
            check = scheme.Verify(secret, timestamp, signature, body, now);
            if (check == SignatureCheck.Valid)
            {
                var seconds = long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture);
                return await replays.FirstUseAsync(channel, signature, seconds, cancellationToken)
                    ? SignedRequest.Verified(body, name)
                    : await RefuseAsync(channel, RefusalKind.Unverified, Describe(SignatureCheck.Replayed, timestampHeader, signatureHeader), 401, cancellationToken);
            }

            if (check is SignatureCheck.Missing or SignatureCheck.Malformed or SignatureCheck.Stale)
            {
                // These do not depend on the secret: no other secret would do better.
                break;
            }
        }

        return await RefuseAsync(channel, RefusalKind.Unverified, Describe(check, timestampHeader, signatureHeader), 401, cancellationToken);
    }

    private async Task<SignedRequest> RefuseAsync(string channel, RefusalKind kind, string message, int status, CancellationToken cancellationToken)
    {
        var refusal = new Refusal(kind, message);
        await refusals.RecordUnverifiedAsync(channel, refusal, cancellationToken);
        return SignedRequest.Refused(refusal, status);
    }

    private static string Describe(SignatureCheck check, string timestampHeader, string signatureHeader) => check switch
    {
        SignatureCheck.Missing => $"the request has no {timestampHeader} or {signatureHeader} header",
        SignatureCheck.Malformed => $"the {timestampHeader} or {signatureHeader} header is malformed",
        SignatureCheck.Stale => $"the request's timestamp is more than {HmacRequestSignature.Window.TotalMinutes:0} minutes from now",
        SignatureCheck.Replayed => "the request was already received (replay)",
        _ => "the signature does not match",
    };
}
