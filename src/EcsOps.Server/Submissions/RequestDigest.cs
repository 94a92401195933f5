using System.Security.Cryptography;
using System.Text;

namespace EcsOps.Server.Submissions;

/// <summary>
/// A digest of what a ticket asked for (runbook, target, parameters, requester, approver), so that the same ticket
/// sent again is recognised as a retry and a different request under a used ticket id as a conflict.
/// </summary>
public static class RequestDigest
{
    public static string Of(RunSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var text = new StringBuilder();
        Append(text, submission.Runbook);
        Append(text, submission.Target ?? "");
        Append(text, submission.Requester.Value);
        Append(text, submission.Approver?.Value ?? "");
        foreach (var (name, value) in submission.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Append(text, name);
            Append(text, value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Length-prefixed, so no choice of values can make two different requests read the same.
    private static void Append(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value);
}
