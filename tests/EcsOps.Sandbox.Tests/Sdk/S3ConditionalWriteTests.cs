using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Sdk;

/// <summary>Conditional PutObject and DeleteObject through the AWS SDK: the answers S3 gives, as the SDK sees them.</summary>
[Collection(SandboxCollection.Name)]
public class S3ConditionalWriteTests(SandboxFixture sandbox)
{
    private const string Bucket = "sdk-conditional";

    private async Task<AmazonS3Client> ClientAsync()
    {
        var client = sandbox.S3();
        await client.PutBucketAsync(Bucket);
        return client;
    }

    private static Task<PutObjectResponse> PutAsync(AmazonS3Client client, string key, string body, string? ifNoneMatch = null, string? ifMatch = null) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = body, IfNoneMatch = ifNoneMatch, IfMatch = ifMatch });

    private static async Task<string> ReadAsync(AmazonS3Client client, string key)
    {
        using var response = await client.GetObjectAsync(Bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task PutObject_IfNoneMatchOnFreeKey_Creates()
    {
        using var client = await ClientAsync();

        var put = await PutAsync(client, "free", "first", ifNoneMatch: "*");

        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        Assert.Equal("first", await ReadAsync(client, "free"));
    }

    [Fact]
    public async Task PutObject_IfNoneMatchOnExistingKey_412PreconditionFailedAndKeepsTheObject()
    {
        using var client = await ClientAsync();
        await PutAsync(client, "taken", "first");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutAsync(client, "taken", "second", ifNoneMatch: "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
        Assert.Equal("PreconditionFailed", error.ErrorCode);
        Assert.Equal("first", await ReadAsync(client, "taken"));
    }

    [Fact]
    public async Task PutObject_IfMatchCurrentEtag_Replaces_StaleEtag412()
    {
        using var client = await ClientAsync();
        var first = await PutAsync(client, "cas", "v1");

        var second = await PutAsync(client, "cas", "v2", ifMatch: first.ETag);
        var stale = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutAsync(client, "cas", "v3", ifMatch: first.ETag));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("v2", await ReadAsync(client, "cas"));
    }

    [Fact]
    public async Task PutObject_IfMatchOnMissingKey_404NoSuchKey()
    {
        using var client = await ClientAsync();

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutAsync(client, "never-written", "x", ifMatch: "\"0123456789abcdef0123456789abcdef\""));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("NoSuchKey", error.ErrorCode);
    }

    [Fact]
    public async Task PutObject_IfNoneMatchWithAnEtag_501NotImplemented()
    {
        using var client = await ClientAsync();

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutAsync(client, "odd", "x", ifNoneMatch: "\"abc\""));

        Assert.Equal(HttpStatusCode.NotImplemented, error.StatusCode);
    }

    [Fact]
    public async Task DeleteObject_IfMatch_DeletesOnlyTheMatchingVersion()
    {
        using var client = await ClientAsync();
        var first = await PutAsync(client, "lease", "mine");
        var second = await PutAsync(client, "lease", "theirs");

        var mismatch = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = "lease", IfMatch = first.ETag }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, mismatch.StatusCode);
        Assert.Equal("theirs", await ReadAsync(client, "lease"));

        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = "lease", IfMatch = second.ETag });
        var gone = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = "lease", IfMatch = second.ETag }));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("NoSuchKey", gone.ErrorCode);
    }

    [Fact]
    public async Task PutObject_ConcurrentIfNoneMatch_ExactlyOneWins()
    {
        using var client = await ClientAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await PutAsync(client, "race", "writer-" + i, ifNoneMatch: "*");
                return (Writer: i, Won: true);
            }
            catch (AmazonS3Exception error) when (error.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                return (Writer: i, Won: false);
            }
        }));

        var winner = Assert.Single(attempts, a => a.Won);
        Assert.Equal("writer-" + winner.Writer, await ReadAsync(client, "race"));
    }
}
