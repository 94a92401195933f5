using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;
using EcsOps.Aws.Tests.Support;

namespace EcsOps.Aws.Tests.Signing;

// Agreement with other implementations is in SigV4PeerComparisonTests; these pin our own API's behaviour.
public class SigV4SignerTests
{
    private static readonly AwsCredentials s_credentials = new(SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey);

    [Fact]
    public void Sign_WithSessionToken_SetsAndSignsSecurityTokenHeader()
    {
        var testCase = SigV4Cases.Named("session-token");

        var signed = OurSignatures.Signer().Sign(
            testCase.ToRequest(), testCase.Credentials, SigV4Cases.Region, testCase.Service, PayloadHashes.EmptySha256);

        Assert.Contains(signed.HeadersToSet, h => h.Key == "X-Amz-Security-Token" && h.Value == testCase.SessionToken);
        Assert.Equal("host;x-amz-date;x-amz-security-token", signed.SignedHeaders);
    }

    [Fact]
    public void Presign_WithSessionToken_SignsTokenParameter()
    {
        var testCase = SigV4Cases.Named("session-token");

        var presigned = OurSignatures.Signer().Presign(
            testCase.ToRequest(), testCase.Credentials, SigV4Cases.Region, testCase.Service, TimeSpan.FromMinutes(5));

        Assert.Contains("X-Amz-Security-Token=" + AwsUriEncoding.Encode(testCase.SessionToken!, encodeSlash: true),
            presigned.CanonicalRequest.CanonicalQueryString, StringComparison.Ordinal);
        Assert.EndsWith("&X-Amz-Signature=" + presigned.Signature, presigned.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_NonS3PathWithEscape_IsDoubleEncoded()
    {
        var signed = OurSignatures.Signer().Sign(
            new SigV4Request("GET", SigV4Cases.Host, "/a%20b/c", "", []), s_credentials, SigV4Cases.Region, "ecs",
            PayloadHashes.EmptySha256);

        Assert.Equal("/a%2520b/c", signed.CanonicalRequest.CanonicalUri);
    }

    [Fact]
    public void Sign_NormalizePathOff_KeepsDotSegmentsAndSlashes()
    {
        var signed = OurSignatures.Signer().Sign(
            new SigV4Request("GET", SigV4Cases.Host, "/a/./b//../c", "", []), s_credentials, SigV4Cases.Region, "service",
            PayloadHashes.EmptySha256, new SigV4SigningOptions { NormalizePath = false });

        Assert.Equal("/a/./b//../c", signed.CanonicalRequest.CanonicalUri);
    }

    [Theory]
    [InlineData("/bucket/price$list", "/bucket/price%24list")]
    [InlineData("/bucket/price%24list", "/bucket/price%24list")]
    [InlineData("/bucket/price*list", "/bucket/price%2Alist")]
    [InlineData("/bucket/price%2alist", "/bucket/price%2Alist")]
    public void Sign_S3KeyWithReservedCharacterRawOrEscaped_SignsTheEscapedForm(string wirePath, string canonicalPath)
    {
        var signed = OurSignatures.Signer().Sign(
            new SigV4Request("PUT", SigV4Cases.Host, wirePath, "", []), s_credentials, SigV4Cases.Region, "s3",
            PayloadHashes.UnsignedPayload);
        var reference = OurSignatures.Signer().Sign(
            new SigV4Request("PUT", SigV4Cases.Host, canonicalPath, "", []), s_credentials, SigV4Cases.Region, "s3",
            PayloadHashes.UnsignedPayload);

        Assert.Equal(canonicalPath, signed.CanonicalRequest.CanonicalUri);
        Assert.Equal(reference.Signature, signed.Signature);
    }

    [Fact]
    public async Task SignAsync_HttpRequestMessage_SetsHeadersThatVerify()
    {
        var clock = new FixedTimeProvider(SigV4Cases.SigningTime);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:4566/")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");

        await new SigV4Signer(clock).SignAsync(request, s_credentials, SigV4Cases.Region, "ecs", CancellationToken.None);

        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .Append(new("Host", "127.0.0.1:4566"))
            .Append(new("Content-Type", request.Content.Headers.ContentType!.ToString()))
            .ToList();
        var verification = new SigV4Verifier(k => k == s_credentials.AccessKeyId ? s_credentials : null, clock)
            .Verify(new SigV4IncomingRequest("POST", "/", "", headers, Convert.ToHexStringLower(SHA256.HashData("{}"u8))));
        Assert.True(verification.IsValid, verification.Message);
        Assert.Contains("x-amz-target", verification.CanonicalRequest!.SignedHeaders, StringComparison.Ordinal);
    }
}
