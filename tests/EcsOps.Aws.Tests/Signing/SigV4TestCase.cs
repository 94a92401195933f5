using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Tests.Signing;

/// <summary>One case of the published SigV4 test suite, with the expected results of both signing forms.</summary>
internal sealed record SigV4TestCase(
    string Name,
    string Method,
    string Path,
    string Query,
    (string Name, string Value)[] Headers,
    string Body,
    bool Normalize,
    bool SignBody,
    string? SessionToken,
    string HeaderCanonicalRequest,
    string HeaderSignature,
    string QueryCanonicalRequest,
    string QuerySignature)
{
    public AwsCredentials Credentials =>
        new(SigV4TestSuite.AccessKeyId, SigV4TestSuite.SecretAccessKey, SessionToken);

    public string BodySha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)));

    public string PayloadHash => SignBody ? BodySha256 : PayloadHashes.EmptySha256;

    public SigV4SigningOptions Options => new() { NormalizePath = Normalize, AddContentSha256Header = SignBody };

    public SigV4Request ToRequest() => new(
        Method,
        "example.amazonaws.com",
        Path,
        Query,
        Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList());

    public override string ToString() => Name;
}
