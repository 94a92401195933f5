using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Xml.Linq;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Sandbox.Tests.Api;

/// <summary>S3 requests the CLI and SDK do not send this way: plain aws-chunked, presigned URLs, virtual hosts.</summary>
[Collection(SandboxCollection.Name)]
public class S3RawApiTests(SandboxFixture sandbox)
{
    private readonly AwsCredentials _dev = SandboxFixture.CredentialsOf(sandbox.Dev);

    private async Task CreateBucketAsync(string bucket)
    {
        using var s3 = sandbox.Raw();
        using var response = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/" + bucket), "s3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PutChunkedAsync(string path, byte[][] chunks, Func<int, string, string>? tamper = null, bool truncate = false)
    {
        var host = sandbox.Host.Endpoint.Authority;
        var decodedLength = chunks.Sum(c => c.Length);
        var request = new SigV4Request("PUT", host, path, "",
        [
            new("Content-Encoding", "aws-chunked"),
            new("x-amz-decoded-content-length", decodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        var signed = new SigV4Signer().Sign(request, _dev, "us-east-1", "s3", PayloadHashes.StreamingSignedPayload);
        var chain = new ChunkSignatureChain(SigningKey.Derive(_dev.SecretAccessKey, signed.Scope), signed.AmzDate, signed.Scope, signed.Signature);
        var body = AwsChunkedBody.Build(chain, chunks, tamper);
        if (truncate)
        {
            body = body[..(body.Length / 2)];
        }

        using var message = new HttpRequestMessage(HttpMethod.Put, new Uri(sandbox.Host.Endpoint, path)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentEncoding.Add("aws-chunked");
        message.Headers.TryAddWithoutValidation("x-amz-decoded-content-length", decodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in signed.HeadersToSet)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var http = new HttpClient();
        return await http.SendAsync(message);
    }

    private static async Task<string> S3ErrorCodeAsync(HttpResponseMessage response)
    {
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Error", document.Root!.Name.LocalName);
        return document.Root.Element("Code")!.Value;
    }

    [Fact]
    public async Task PutObject_AwsChunkedSignedStream_StoresDecodedBytes()
    {
        await CreateBucketAsync("raw-chunked");
        var chunk1 = RandomNumberGenerator.GetBytes(65536);
        var chunk2 = RandomNumberGenerator.GetBytes(1024);

        using var put = await PutChunkedAsync("/raw-chunked/stream.bin", [chunk1, chunk2]);
        using var s3 = sandbox.S3();
        using var get = await s3.GetObjectAsync("raw-chunked", "stream.bin");
        using var received = new MemoryStream();
        await get.ResponseStream.CopyToAsync(received);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal([.. chunk1, .. chunk2], received.ToArray());
        Assert.Null(get.Headers.ContentEncoding);
    }

    [Fact]
    public async Task PutObject_TamperedChunkSignature_FailsWithSignatureDoesNotMatchAndStoresNothing()
    {
        await CreateBucketAsync("raw-tampered");

        using var put = await PutChunkedAsync("/raw-tampered/x.bin", [new byte[100], new byte[50]],
            tamper: (index, signature) => index == 1 ? new string('0', 64) : signature);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", await S3ErrorCodeAsync(put));
        Assert.Null(sandbox.Host.Services.GetRequiredService<EcsOps.Sandbox.S3.S3ObjectStore>().FindObject("raw-tampered", "x.bin"));
    }

    [Fact]
    public async Task PutObject_TruncatedChunkedBody_FailsWithIncompleteBody()
    {
        await CreateBucketAsync("raw-truncated");

        using var put = await PutChunkedAsync("/raw-truncated/x.bin", [new byte[4000]], truncate: true);

        Assert.Equal("IncompleteBody", await S3ErrorCodeAsync(put));
    }

    [Fact]
    public async Task PutObject_BodyNotMatchingContentSha256_FailsWithXAmzContentSha256Mismatch()
    {
        await CreateBucketAsync("raw-mismatch");
        var signed = new SigV4Signer().Sign(new SigV4Request("PUT", sandbox.Host.Endpoint.Authority, "/raw-mismatch/k", "", []),
            _dev, "us-east-1", "s3", Convert.ToHexStringLower(SHA256.HashData("what was signed"u8)));
        using var message = new HttpRequestMessage(HttpMethod.Put, new Uri(sandbox.Host.Endpoint, "/raw-mismatch/k"))
        {
            Content = new ByteArrayContent("what was sent"u8.ToArray()),
        };
        foreach (var (name, value) in signed.HeadersToSet)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var http = new HttpClient();
        using var response = await http.SendAsync(message);

        Assert.Equal("XAmzContentSHA256Mismatch", await S3ErrorCodeAsync(response));
        Assert.Null(sandbox.Host.Services.GetRequiredService<EcsOps.Sandbox.S3.S3ObjectStore>().FindObject("raw-mismatch", "k"));
    }

    [Fact]
    public async Task GetObject_PresignedUrl_ServesUntilExpiry()
    {
        await CreateBucketAsync("raw-presigned");
        using var s3 = sandbox.S3();
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "raw-presigned", Key = "doc.txt", ContentBody = "presigned body" });
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(-10));
        var presigned = new SigV4Signer(clock).Presign(
            new SigV4Request("GET", sandbox.Host.Endpoint.Authority, "/raw-presigned/doc.txt", "", []), _dev, "us-east-1", "s3", TimeSpan.FromMinutes(20));
        var expired = new SigV4Signer(clock).Presign(
            new SigV4Request("GET", sandbox.Host.Endpoint.Authority, "/raw-presigned/doc.txt", "", []), _dev, "us-east-1", "s3", TimeSpan.FromMinutes(5));
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(sandbox.Host.Endpoint, "/raw-presigned/doc.txt?" + presigned.Query));
        using var late = await http.GetAsync(new Uri(sandbox.Host.Endpoint, "/raw-presigned/doc.txt?" + expired.Query));

        Assert.Equal("presigned body", body);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Equal("AccessDenied", await S3ErrorCodeAsync(late));
    }

    [Fact]
    public async Task PutObject_VirtualHostedStyle_IsReadablePathStyle()
    {
        await CreateBucketAsync("raw-vhost");
        using var s3 = sandbox.Raw();
        var put = new HttpRequestMessage(HttpMethod.Put, "/folder/file.txt") { Content = new StringContent("via virtual host") };
        put.Headers.Host = $"raw-vhost.localhost:{sandbox.Host.Port}";

        using var putResponse = await s3.SendAsync(put, "s3");
        using var getResponse = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/raw-vhost/folder/file.txt"), "s3");

        Assert.Equal(HttpStatusCode.OK, putResponse.StatusCode);
        Assert.Equal("via virtual host", await getResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetObject_RangePastEnd_FailsWithInvalidRange()
    {
        await CreateBucketAsync("raw-range");
        using var s3 = sandbox.Raw();
        using var put = await s3.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/raw-range/k") { Content = new StringContent("0123456789") }, "s3");
        var get = new HttpRequestMessage(HttpMethod.Get, "/raw-range/k");
        get.Headers.Range = new RangeHeaderValue(50, 60);

        using var response = await s3.SendAsync(get, "s3");

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("InvalidRange", await S3ErrorCodeAsync(response));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
