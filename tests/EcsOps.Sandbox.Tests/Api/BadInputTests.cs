using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Api;

/// <summary>Requests that must fail with the service's own error shape, after which the sandbox keeps serving.</summary>
[Collection(SandboxCollection.Name)]
public class BadInputTests(SandboxFixture sandbox) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Every test ends by proving the sandbox still answers a good request.</summary>
    public async Task DisposeAsync()
    {
        using var ecs = sandbox.Raw();
        var clusters = await ecs.JsonOkAsync("ecs", "ListClusters", "{}");
        Assert.Equal(1, clusters.GetProperty("clusterArns").GetArrayLength());
    }

    [Fact]
    public async Task JsonService_UnsignedRequest_FailsWithMissingAuthenticationToken()
    {
        using var ecs = sandbox.Raw();
        using var response = await ecs.JsonAsync("ecs", "ListClusters", "{}", sign: false);

        var (status, error) = await RawAwsClient.ReadJsonErrorAsync(response);

        Assert.Equal((400, "MissingAuthenticationTokenException"), (status, error.Code));
    }

    [Fact]
    public async Task JsonService_WrongSecret_FailsWithInvalidSignatureShowingCanonicalRequest()
    {
        using var ecs = new RawAwsClient(sandbox.Host.Endpoint, new AwsCredentials(sandbox.Dev.AccessKeyId, "not-the-secret"), "us-east-1");

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ListClusters", "{}");

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Contains("x-amz-target:AmazonEC2ContainerServiceV20141113.ListClusters", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonService_UnknownAccessKey_FailsWithUnrecognizedClient()
    {
        using var ecs = new RawAwsClient(sandbox.Host.Endpoint, new AwsCredentials("AKIAUNKNOWN000000000", "x"), "us-east-1");

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ListClusters", "{}");

        Assert.Equal("UnrecognizedClientException", error.Code);
    }

    [Fact]
    public async Task JsonService_SignedForAnotherService_FailsWithInvalidSignature()
    {
        using var ecs = sandbox.Raw();
        using var response = await ecs.JsonAsync("ecs", "ListClusters", "{}", signingService: "ssm");

        var (_, error) = await RawAwsClient.ReadJsonErrorAsync(response);

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Contains("correct service: 'ecs'", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonService_RegionOutsideWorld_FailsWithInvalidSignature()
    {
        using var ecs = sandbox.Raw(region: "ap-south-2");

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ListClusters", "{}");

        Assert.Equal("InvalidSignatureException", error.Code);
    }

    [Fact]
    public async Task JsonService_UnknownOperation_FailsWithUnknownOperation()
    {
        using var ecs = sandbox.Raw();

        var (_, error) = await ecs.JsonErrorAsync("ecs", "DeleteEverything", "{}");

        Assert.Equal("UnknownOperationException", error.Code);
    }

    [Fact]
    public async Task JsonService_UnknownTargetPrefix_FailsWithUnknownOperation()
    {
        using var raw = sandbox.Raw();
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810.ListTables");

        using var response = await raw.SendAsync(request, "dynamodb");
        var (_, error) = await RawAwsClient.ReadJsonErrorAsync(response);

        Assert.Equal("UnknownOperationException", error.Code);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"maxResults\":\"ten\"}")]
    public async Task JsonService_MalformedBody_FailsWithSerializationException(string body)
    {
        using var ecs = sandbox.Raw();

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ListClusters", body);

        Assert.Equal("SerializationException", error.Code);
    }

    [Fact]
    public async Task JsonService_ClockSkewedSignature_FailsWithSignatureExpired()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.Host.Endpoint, "/")) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
        await new SigV4Signer(new SkewedClock(TimeSpan.FromMinutes(-20))).SignAsync(
            request, SandboxFixture.CredentialsOf(sandbox.Dev), "us-east-1", "ecs", CancellationToken.None);
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);
        var (_, error) = await RawAwsClient.ReadJsonErrorAsync(response);

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.StartsWith("Signature expired", error.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "MissingAuthenticationToken")]
    [InlineData(true, "InvalidAction")]
    public async Task QueryService_BadRequest_FailsWithErrorResponseXml(bool sign, string code)
    {
        using var sts = sandbox.Raw();
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent([new("Action", "MintMoney"), new("Version", "2011-06-15")]),
        };

        using var response = await sts.SendAsync(request, "sts", sign);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";

        Assert.Equal("ErrorResponse", document.Root!.Name.LocalName);
        Assert.Equal("Sender", document.Root.Element(ns + "Error")!.Element(ns + "Type")!.Value);
        Assert.Equal(code, document.Root.Element(ns + "Error")!.Element(ns + "Code")!.Value);
        Assert.False(string.IsNullOrEmpty(document.Root.Element(ns + "RequestId")!.Value));
    }

    [Theory]
    [InlineData(false, "AKIASANDBOXDEV000001", HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(true, "AKIAUNKNOWN000000000", HttpStatusCode.Forbidden, "InvalidAccessKeyId")]
    [InlineData(true, "AKIASANDBOXDEV000001", HttpStatusCode.Forbidden, "SignatureDoesNotMatch")]
    public async Task S3_BadAuthentication_FailsWithS3ErrorXml(bool sign, string accessKeyId, HttpStatusCode status, string code)
    {
        using var s3 = new RawAwsClient(sandbox.Host.Endpoint, new AwsCredentials(accessKeyId, "wrong-secret"), "us-east-1");

        using var response = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), "s3", sign);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("Error", document.Root!.Name.LocalName);
        Assert.Equal(code, document.Root.Element("Code")!.Value);
        Assert.Equal(code == "SignatureDoesNotMatch", document.Root.Element("CanonicalRequest") is not null);
    }

    [Theory]
    [InlineData("<Delete><Object><Key>a</Key></Object>")]
    [InlineData("<Delete></Delete>")]
    [InlineData("<NotDelete/>")]
    public async Task S3_MalformedXmlBody_FailsWithMalformedXml(string xml)
    {
        using var s3 = sandbox.Raw();
        using var create = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/bad-xml"), "s3");

        using var response = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/bad-xml?delete") { Content = new StringContent(xml, Encoding.UTF8) }, "s3");
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MalformedXML", document.Root!.Element("Code")!.Value);
    }

    [Fact]
    public async Task S3_UnsupportedSubresource_FailsWithNotImplemented()
    {
        using var s3 = sandbox.Raw();

        using var response = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/any-bucket?acl"), "s3");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Listener_GarbageBytesOnSocket_ConnectionRejectedAndSandboxServes()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, sandbox.Host.Port);
        var stream = client.GetStream();

        await stream.WriteAsync("\x16\x03\x01 not http at all\r\n\r\n"u8.ToArray());
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    private sealed class SkewedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + offset;
    }
}
