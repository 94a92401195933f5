using EcsOps.Aws.Credentials;
using EcsOps.Aws.Sessions;
using EcsOps.Aws.Signing;

namespace EcsOps.Cli.Tests.Sessions;

public sealed class DataChannelUpgradeSignerTests
{
    private static readonly AwsCredentials s_credentials = new("ASIAEXAMPLE", "secret/key", "session-token");

    private static readonly Uri s_streamUrl = new(
        "wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/user-0abc?role=publish_subscribe&cell-number=AAAA%2Bbbb%3D");

    [Fact]
    public async Task Sign_StreamUrl_VerifiesAsSsmmessagesWithHostDateAndToken()
    {
        var signer = new DataChannelUpgradeSigner(new StaticCredentialsProvider(s_credentials), "eu-west-1", TimeProvider.System);

        var headers = await signer.SignAsync(s_streamUrl, CancellationToken.None);

        Assert.Equal(["Authorization", "X-Amz-Date", "X-Amz-Security-Token"], headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("session-token", headers["X-Amz-Security-Token"]);
        Assert.Contains("/eu-west-1/ssmmessages/aws4_request", headers["Authorization"]);
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", headers["Authorization"]);
        var received = headers.Append(new KeyValuePair<string, string>("Host", s_streamUrl.Authority)).ToList();
        var verification = new SigV4Verifier(id => id == s_credentials.AccessKeyId ? s_credentials : null, TimeProvider.System).Verify(
            new SigV4IncomingRequest("GET", s_streamUrl.AbsolutePath, s_streamUrl.Query.TrimStart('?'), received, PayloadHashes.EmptySha256));
        Assert.True(verification.IsValid, verification.Message);
        Assert.Equal("ssmmessages", verification.Scope?.Service);
    }

    [Fact]
    public async Task Sign_EachCall_AsksForCredentialsAgain()
    {
        var calls = 0;
        var provider = new CountingProvider(() => Interlocked.Increment(ref calls));
        var signer = new DataChannelUpgradeSigner(provider, "us-east-1", TimeProvider.System);

        await signer.SignAsync(s_streamUrl, CancellationToken.None);
        await signer.SignAsync(s_streamUrl, CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Sign_PresignedStreamUrl_AddsNoHeaders()
    {
        var presigned = new Uri(s_streamUrl + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc");
        var signer = new DataChannelUpgradeSigner(new StaticCredentialsProvider(s_credentials), "eu-west-1", TimeProvider.System);

        Assert.Empty(await signer.SignAsync(presigned, CancellationToken.None));
        Assert.True(DataChannelUpgradeSigner.IsPresigned(presigned));
        Assert.False(DataChannelUpgradeSigner.IsPresigned(s_streamUrl));
    }

    private sealed class CountingProvider(Action onCall) : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            onCall();
            return ValueTask.FromResult(s_credentials);
        }
    }
}
