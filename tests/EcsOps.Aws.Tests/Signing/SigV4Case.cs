using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Signing;

/// <summary>
/// One request to sign, written as a SigV4 client puts it on the wire: <see cref="Path"/> and
/// <see cref="Query"/> are already percent-encoded. Expected results are not part of a case; they come from
/// the peer implementations at test time (Support/SigV4Peers).
/// </summary>
/// <param name="Name">Short kebab-case id, used as the theory argument.</param>
/// <param name="About">What the case exercises, in a sentence.</param>
internal sealed record SigV4Case(string Name, string About, string Method, string Path)
{
    public string Query { get; init; } = "";

    /// <summary>Headers besides Host and the ones a signer adds; a name may repeat.</summary>
    public (string Name, string Value)[] Headers { get; init; } = [];

    /// <summary>UTF-8 body; header form only (a presigned URL carries none).</summary>
    public string Body { get; init; } = "";

    public string Service { get; init; } = SigV4Cases.Service;

    public string Host { get; init; } = SigV4Cases.Host;

    public string? SessionToken { get; init; }

    public bool IsS3 => Service == "s3";

    public AwsCredentials Credentials => new(SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey, SessionToken);

    public string BodySha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)));

    public SigV4Request ToRequest() =>
        new(Method, Host, Path, Query, [.. Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))]);

    public override string ToString() => Name;
}
