using EcsOps.Server.Submissions;

namespace EcsOps.Server.Security;

/// <summary>A request body whose signature checked out, with the name of the secret that signed it; or why not.</summary>
public sealed record SignedRequest
{
    public byte[]? Body { get; private init; }

    /// <summary>Which configured secret verified it (the ticket source's name; <c>slack</c> for Slack).</summary>
    public string? SignerName { get; private init; }

    public Refusal? Refusal { get; private init; }

    /// <summary>401 for a bad signature, 413 for a body over the limit.</summary>
    public int StatusCode { get; private init; }

    public static SignedRequest Verified(byte[] body, string signerName) => new() { Body = body, SignerName = signerName, StatusCode = 200 };

    public static SignedRequest Refused(Refusal refusal, int statusCode) => new() { Refusal = refusal, StatusCode = statusCode };
}
