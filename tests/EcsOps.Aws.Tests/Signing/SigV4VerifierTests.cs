using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;
using EcsOps.Aws.Tests.Support;
using EcsOps.Aws.Tests.Support.SigV4Peers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Aws.Tests.Signing;

// The peer-signed theories feed our verifier requests exactly as botocore or AWSSDK.Core would send them.
public class SigV4VerifierTests(BotocoreFixture botocore) : IClassFixture<BotocoreFixture>
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly AwsCredentials s_alice = new("AKIAALICE00000000001", "alice-secret");
    private static readonly AwsCredentials s_temporary = new(
        "ASIATEMP000000000001", "temp-secret", "session-token-value", s_now.AddHours(1));

    private static AwsCredentials? Find(string accessKeyId) =>
        new[] { s_alice, s_temporary }.FirstOrDefault(c => c.AccessKeyId == accessKeyId);

    private static SigV4Verifier Verifier(DateTimeOffset now) => new(Find, new FixedTimeProvider(now));

    /// <summary>Signs like a client at <paramref name="signedAt"/> and returns the request as a server receives it.</summary>
    private static SigV4IncomingRequest SignedRequest(
        AwsCredentials credentials,
        DateTimeOffset signedAt,
        string service = "ecs",
        string path = "/",
        string query = "",
        string body = "{}")
    {
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var request = new SigV4Request("POST", "127.0.0.1:4566", path, query, [new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")]);
        var signed = new SigV4Signer(new FixedTimeProvider(signedAt)).Sign(request, credentials, "us-east-1", service, bodyHash);
        var headers = request.Headers.Concat(signed.HeadersToSet).Append(new("Host", request.Host)).ToList();
        return new SigV4IncomingRequest("POST", path, query, headers, bodyHash);
    }

    // Cases where a peer canonicalises the very request it sends differently from SigV4 as our signer reads it
    // (each is explained in SigV4KnownDifferences). Our verifier must side with our signer on them.
    private static readonly string[] s_botocoreHeaderFormOutOfSpec = ["path-ends-in-dot-dot", "query-lowercase-escapes"];
    private static readonly string[] s_botocoreQueryFormOutOfSpec = ["path-ends-in-dot-dot"];
    private static readonly string[] s_awsSdkOutOfSpec =
        ["path-dot-segments", "path-dot-dot-past-root", "path-repeated-slashes", "path-ends-in-dot-dot", "query-utf8"];

    public static TheoryData<string> CasesExcept(string[] excluded) =>
        [.. SigV4Cases.All.Select(c => c.Name).Except(excluded)];

    public static TheoryData<string> BotocoreHeaderFormInSpec() => CasesExcept(s_botocoreHeaderFormOutOfSpec);

    public static TheoryData<string> BotocoreHeaderFormOutOfSpec() => [.. s_botocoreHeaderFormOutOfSpec];

    public static TheoryData<string> BotocoreQueryFormInSpec() => CasesExcept(s_botocoreQueryFormOutOfSpec);

    public static TheoryData<string> BotocoreQueryFormOutOfSpec() => [.. s_botocoreQueryFormOutOfSpec];

    public static TheoryData<string> AwsSdkInSpec() => CasesExcept(s_awsSdkOutOfSpec);

    public static TheoryData<string> AwsSdkOutOfSpec() => [.. s_awsSdkOutOfSpec];

    [Theory]
    [MemberData(nameof(BotocoreHeaderFormInSpec))]
    public void Verify_RequestBotocoreSignedInHeaderForm_IsValid(string name)
    {
        var testCase = SigV4Cases.Named(name);
        var sent = botocore.Signed(testCase, SigV4Form.Header);

        var verification = VerifyAtSigningTime(testCase, sent, withHostHeader: true, testCase.BodySha256);

        Assert.True(verification.IsValid, verification.Message);
        CanonicalRequestAssert.Equal(
            sent.Outcome.CanonicalRequest, verification.CanonicalRequest!.ToString(), "botocore", "our verifier", name);
    }

    [Theory]
    [MemberData(nameof(BotocoreHeaderFormOutOfSpec))]
    public void Verify_RequestBotocoreSignedOutOfSpec_IsRejectedWithOurSignersCanonicalRequest(string name)
    {
        var testCase = SigV4Cases.Named(name);

        var verification = VerifyAtSigningTime(
            testCase, botocore.Signed(testCase, SigV4Form.Header), withHostHeader: true, testCase.BodySha256);

        Assert.Equal(SigV4Failure.SignatureMismatch, verification.Failure);
        CanonicalRequestAssert.Equal(
            OurSignatures.Sign(testCase).CanonicalRequest, verification.CanonicalRequest!.ToString(), "our signer", "our verifier", name);
    }

    [Theory]
    [MemberData(nameof(BotocoreQueryFormInSpec))]
    public void Verify_UrlBotocorePresigned_IsValid(string name)
    {
        var testCase = SigV4Cases.Named(name);
        var sent = botocore.Signed(testCase, SigV4Form.Query);

        var verification = VerifyAtSigningTime(testCase, sent with { Headers = CaseHeaders(testCase) }, withHostHeader: true, null);

        Assert.True(verification.IsValid, verification.Message);
        Assert.True(verification.IsPresigned);
        CanonicalRequestAssert.Equal(
            sent.Outcome.CanonicalRequest, verification.CanonicalRequest!.ToString(), "botocore", "our verifier", name);
    }

    [Theory]
    [MemberData(nameof(BotocoreQueryFormOutOfSpec))]
    public void Verify_UrlBotocorePresignedOutOfSpec_IsRejectedWithOurSignersCanonicalRequest(string name)
    {
        var testCase = SigV4Cases.Named(name);
        var sent = botocore.Signed(testCase, SigV4Form.Query);

        var verification = VerifyAtSigningTime(testCase, sent with { Headers = CaseHeaders(testCase) }, withHostHeader: true, null);

        Assert.Equal(SigV4Failure.SignatureMismatch, verification.Failure);
        CanonicalRequestAssert.Equal(
            OurSignatures.Presign(testCase).CanonicalRequest, verification.CanonicalRequest!.ToString(), "our signer", "our verifier", name);
    }

    [Theory]
    [MemberData(nameof(AwsSdkInSpec))]
    public void Verify_RequestAwsSdkSigned_IsValid(string name)
    {
        var testCase = SigV4Cases.Named(name);
        var sent = AwsSdkSigV4.SignedRequest(testCase);

        var verification = VerifyAtSigningTime(testCase, sent, withHostHeader: false, testCase.BodySha256);

        Assert.True(verification.IsValid, verification.Message);
        CanonicalRequestAssert.Equal(
            sent.Outcome.CanonicalRequest, verification.CanonicalRequest!.ToString(), "AWSSDK.Core", "our verifier", name);
    }

    [Theory]
    [MemberData(nameof(AwsSdkOutOfSpec))]
    public void Verify_RequestAwsSdkSignedOutOfSpec_IsRejectedWithOurSignersCanonicalRequest(string name)
    {
        var testCase = SigV4Cases.Named(name);

        var verification = VerifyAtSigningTime(testCase, AwsSdkSigV4.SignedRequest(testCase), withHostHeader: false, testCase.BodySha256);

        Assert.Equal(SigV4Failure.SignatureMismatch, verification.Failure);
        CanonicalRequestAssert.Equal(
            OurSignatures.Sign(testCase, signContentSha256: true).CanonicalRequest, verification.CanonicalRequest!.ToString(),
            "our signer", "our verifier", name);
    }

    /// <summary>Verifies a peer's request as a server would receive it, a few minutes after it was signed.</summary>
    private static SigV4Verification VerifyAtSigningTime(SigV4Case testCase, PeerSignedRequest sent, bool withHostHeader, string? bodySha256)
    {
        var headers = withHostHeader ? sent.Headers.Append(new("Host", testCase.Host)).ToList() : sent.Headers;
        var verifier = new SigV4Verifier(_ => testCase.Credentials, new FixedTimeProvider(SigV4Cases.SigningTime.AddMinutes(3)));
        return verifier.Verify(new SigV4IncomingRequest(testCase.Method, sent.RawPath, sent.RawQuery, headers, bodySha256));
    }

    private static List<KeyValuePair<string, string>> CaseHeaders(SigV4Case testCase) =>
        [.. testCase.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];

    [Fact]
    public void Verify_SignedRequest_IsValidAndNamesTheCredentials()
    {
        var verification = Verifier(s_now).Verify(SignedRequest(s_alice, s_now));

        Assert.True(verification.IsValid, verification.Message);
        Assert.Equal(s_alice, verification.Credentials);
        Assert.Equal(new CredentialScope("20260301", "us-east-1", "ecs"), verification.Scope);
    }

    [Fact]
    public void Verify_WrongSecret_ReportsSignatureMismatchWithCanonicalRequest()
    {
        var request = SignedRequest(s_alice with { SecretAccessKey = "not-alices-secret" }, s_now);

        var verification = Verifier(s_now).Verify(request);

        Assert.Equal(SigV4Failure.SignatureMismatch, verification.Failure);
        Assert.NotNull(verification.CanonicalRequest);
        Assert.Null(verification.Credentials);
    }

    [Fact]
    public void Verify_UnknownAccessKey_ReportsUnknownAccessKey()
    {
        var verification = Verifier(s_now).Verify(SignedRequest(new AwsCredentials("AKIANOBODY0000000000", "x"), s_now));

        Assert.Equal(SigV4Failure.UnknownAccessKey, verification.Failure);
        Assert.Equal("AKIANOBODY0000000000", verification.AccessKeyId);
    }

    [Fact]
    public void Verify_BodyAlteredAfterSigning_ReportsSignatureMismatch()
    {
        var request = SignedRequest(s_alice, s_now) with
        {
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData("{\"maxResults\":1}"u8)),
        };

        Assert.Equal(SigV4Failure.SignatureMismatch, Verifier(s_now).Verify(request).Failure);
    }

    [Fact]
    public void Verify_HeaderAlteredAfterSigning_ReportsSignatureMismatch()
    {
        var request = SignedRequest(s_alice, s_now);
        var headers = request.Headers.Select(h => h.Key == "X-Amz-Target"
            ? new KeyValuePair<string, string>(h.Key, "AmazonEC2ContainerServiceV20141113.StopTask")
            : h).ToList();

        Assert.Equal(SigV4Failure.SignatureMismatch, Verifier(s_now).Verify(request with { Headers = headers }).Failure);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public void Verify_ClockSkewOverFifteenMinutes_ReportsRequestTimeTooSkewed(int minutes)
    {
        var verification = Verifier(s_now).Verify(SignedRequest(s_alice, s_now.AddMinutes(minutes)));

        Assert.Equal(SigV4Failure.RequestTimeTooSkewed, verification.Failure);
    }

    [Theory]
    [InlineData(-14)]
    [InlineData(14)]
    public void Verify_ClockSkewUnderFifteenMinutes_IsValid(int minutes)
    {
        Assert.True(Verifier(s_now).Verify(SignedRequest(s_alice, s_now.AddMinutes(minutes))).IsValid);
    }

    [Fact]
    public void Verify_NoAuthorization_ReportsMissingAuthentication()
    {
        var request = new SigV4IncomingRequest("POST", "/", "", [new("Host", "127.0.0.1")], PayloadHashes.EmptySha256);

        Assert.Equal(SigV4Failure.MissingAuthentication, Verifier(s_now).Verify(request).Failure);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/20260301/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/20260301/us-east-1/ecs, SignedHeaders=host;x-amz-date, Signature=" + PayloadHashes.EmptySha256)]
    [InlineData("AWS AKIAALICE00000000001:c2lnbmF0dXJl")]
    [InlineData("AWS4-HMAC-SHA256 garbage")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAALICE00000000001/20260301/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=zz")]
    public void Verify_MalformedAuthorizationHeader_ReportsMalformedAuthorization(string authorization)
    {
        var request = new SigV4IncomingRequest("POST", "/", "",
            [new("Host", "127.0.0.1"), new("X-Amz-Date", AmzDate.FormatTimestamp(s_now)), new("Authorization", authorization)],
            PayloadHashes.EmptySha256);

        Assert.Equal(SigV4Failure.MalformedAuthorization, Verifier(s_now).Verify(request).Failure);
    }

    [Fact]
    public void Verify_TemporaryCredentialsWithoutToken_ReportsInvalidSessionToken()
    {
        var verification = Verifier(s_now).Verify(SignedRequest(s_temporary with { SessionToken = null }, s_now));

        Assert.Equal(SigV4Failure.InvalidSessionToken, verification.Failure);
    }

    [Fact]
    public void Verify_TemporaryCredentialsWithToken_IsValid()
    {
        Assert.True(Verifier(s_now).Verify(SignedRequest(s_temporary, s_now)).IsValid);
    }

    [Fact]
    public void Verify_TemporaryCredentialsPastExpiration_ReportsExpiredToken()
    {
        var later = s_now.AddHours(2);

        Assert.Equal(SigV4Failure.ExpiredToken, Verifier(later).Verify(SignedRequest(s_temporary, later)).Failure);
    }

    [Fact]
    public void Verify_PresignedUrlAfterExpiry_ReportsPresignedUrlExpired()
    {
        var presigned = new SigV4Signer(new FixedTimeProvider(s_now)).Presign(
            new SigV4Request("GET", "127.0.0.1:4566", "/bucket/key", "", []), s_alice, "us-east-1", "s3", TimeSpan.FromMinutes(5));
        var request = new SigV4IncomingRequest("GET", "/bucket/key", presigned.Query, [new("Host", "127.0.0.1:4566")], null);

        Assert.True(Verifier(s_now.AddMinutes(4)).Verify(request).IsValid);
        Assert.Equal(SigV4Failure.PresignedUrlExpired, Verifier(s_now.AddMinutes(6)).Verify(request).Failure);
    }

    [Fact]
    public void Verify_S3KeySentWithRawReservedCharacter_MatchesClientThatSignedItEncoded()
    {
        var signed = new SigV4Signer(new FixedTimeProvider(s_now)).Sign(
            new SigV4Request("GET", "127.0.0.1:4566", "/bucket/a%24b%20c", "", []), s_alice, "us-east-1", "s3", PayloadHashes.EmptySha256);
        var headers = signed.HeadersToSet.Append(new("Host", "127.0.0.1:4566")).ToList();

        var verification = Verifier(s_now).Verify(new SigV4IncomingRequest("GET", "/bucket/a$b%20c", "", headers, null));

        Assert.True(verification.IsValid, verification.Message);
    }

    [Fact]
    public void Verify_S3WithoutContentSha256Header_ReportsMalformedAuthorization()
    {
        var signed = new SigV4Signer(new FixedTimeProvider(s_now)).Sign(
            new SigV4Request("GET", "127.0.0.1:4566", "/bucket", "", []), s_alice, "us-east-1", "s3", PayloadHashes.EmptySha256,
            new SigV4SigningOptions { UseS3Rules = true, AddContentSha256Header = false });
        var headers = signed.HeadersToSet.Append(new("Host", "127.0.0.1:4566")).ToList();

        var verification = Verifier(s_now).Verify(new SigV4IncomingRequest("GET", "/bucket", "", headers, null));

        Assert.Equal(SigV4Failure.MalformedAuthorization, verification.Failure);
    }

    [Property(MaxTest = 200)]
    public bool Verify_AnySignedPathAndQuery_IsValid(NonNull<string> segment, NonNull<string> name, NonNull<string> value)
    {
        var path = "/bucket/" + AwsUriEncoding.Encode(segment.Get, encodeSlash: false);
        var query = AwsUriEncoding.Encode("q" + name.Get, encodeSlash: true) + "=" + AwsUriEncoding.Encode(value.Get, encodeSlash: true);
        var signed = new SigV4Signer(new FixedTimeProvider(s_now)).Sign(
            new SigV4Request("GET", "127.0.0.1:4566", path, query, []), s_alice, "us-east-1", "s3", PayloadHashes.EmptySha256);
        var headers = signed.HeadersToSet.Append(new("Host", "127.0.0.1:4566")).ToList();

        return Verifier(s_now).Verify(new SigV4IncomingRequest("GET", path, query, headers, null)).IsValid;
    }

    [Property(MaxTest = 100)]
    public bool Verify_QueryValueChangedAfterSigning_IsRejected(NonEmptyString value)
    {
        var signed = new SigV4Signer(new FixedTimeProvider(s_now)).Sign(
            new SigV4Request("GET", "127.0.0.1:4566", "/", "q=" + AwsUriEncoding.Encode(value.Get, true), []),
            s_alice, "us-east-1", "ecs", PayloadHashes.EmptySha256);
        var headers = signed.HeadersToSet.Append(new("Host", "127.0.0.1:4566")).ToList();
        var tampered = "q=" + AwsUriEncoding.Encode(value.Get + "x", true);

        return Verifier(s_now).Verify(new SigV4IncomingRequest("GET", "/", tampered, headers, PayloadHashes.EmptySha256)).Failure
            == SigV4Failure.SignatureMismatch;
    }
}
