using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Sdk;

[Collection(SandboxCollection.Name)]
public class S3SdkTests(SandboxFixture sandbox)
{
    private async Task<AmazonS3Client> ClientWithBucketAsync(string bucket)
    {
        var client = sandbox.S3();
        await client.PutBucketAsync(bucket);
        return client;
    }

    [Fact]
    public async Task PutObject_WithMetadata_GetReturnsSameBytesAndMetadata()
    {
        using var client = await ClientWithBucketAsync("sdk-put-get");
        var data = RandomNumberGenerator.GetBytes(300_000);
        var put = new PutObjectRequest
        {
            BucketName = "sdk-put-get",
            Key = "files/report 1+1.bin",
            InputStream = new MemoryStream(data),
            ContentType = "application/x-test",
        };
        put.Metadata.Add("purpose", "sandbox-test");

        var putResponse = await client.PutObjectAsync(put);
        using var get = await client.GetObjectAsync("sdk-put-get", "files/report 1+1.bin");
        using var received = new MemoryStream();
        await get.ResponseStream.CopyToAsync(received);

        Assert.Equal(data, received.ToArray());
        Assert.Equal("application/x-test", get.Headers.ContentType);
        Assert.Equal("sandbox-test", get.Metadata["purpose"]);
        Assert.Equal(S3Etag.Quoted(data), putResponse.ETag);
    }

    [Fact]
    public async Task GetObject_WithRange_ReturnsPartialContent()
    {
        using var client = await ClientWithBucketAsync("sdk-range");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-range", Key = "digits", ContentBody = "0123456789" });

        using var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = "sdk-range", Key = "digits", ByteRange = new ByteRange(2, 5) });
        using var reader = new StreamReader(get.ResponseStream);

        Assert.Equal(HttpStatusCode.PartialContent, get.HttpStatusCode);
        Assert.Equal("2345", await reader.ReadToEndAsync());
        Assert.Equal("bytes 2-5/10", get.ContentRange);
    }

    [Fact]
    public async Task ListObjectsV2_PagedWithDelimiter_ReturnsEveryKeyAndPrefixOnce()
    {
        using var client = await ClientWithBucketAsync("sdk-list");
        var keys = new[] { "a.txt", "b/1.txt", "b/2.txt", "c.txt", "d/1.txt", "e.txt" };
        foreach (var key in keys)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-list", Key = key, ContentBody = key });
        }

        var seenKeys = new List<string>();
        var seenPrefixes = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = "sdk-list",
                Delimiter = "/",
                MaxKeys = 2,
                ContinuationToken = token,
            });
            seenKeys.AddRange(page.S3Objects?.Select(o => o.Key) ?? []);
            seenPrefixes.AddRange(page.CommonPrefixes ?? []);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["a.txt", "c.txt", "e.txt"], seenKeys);
        Assert.Equal(["b/", "d/"], seenPrefixes);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task MultipartUpload_ThreeParts_CompletesWithMultipartEtagAndContent()
    {
        using var client = await ClientWithBucketAsync("sdk-multipart");
        var part1 = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        var part2 = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        var part3 = RandomNumberGenerator.GetBytes(1000);
        var created = await client.InitiateMultipartUploadAsync("sdk-multipart", "big/object");
        var etags = new List<PartETag>();
        var number = 1;
        foreach (var part in new[] { part1, part2, part3 })
        {
            var uploaded = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "sdk-multipart",
                Key = "big/object",
                UploadId = created.UploadId,
                PartNumber = number,
                InputStream = new MemoryStream(part),
            });
            etags.Add(new PartETag(number++, uploaded.ETag));
        }

        var completed = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "sdk-multipart",
            Key = "big/object",
            UploadId = created.UploadId,
            PartETags = etags,
        });
        using var get = await client.GetObjectAsync("sdk-multipart", "big/object");
        using var received = new MemoryStream();
        await get.ResponseStream.CopyToAsync(received);

        Assert.Equal(S3Etag.Multipart(part1, part2, part3), completed.ETag);
        Assert.Equal(SHA256.HashData([.. part1, .. part2, .. part3]), SHA256.HashData(received.ToArray()));
    }

    [Fact]
    public async Task CompleteMultipartUpload_SmallFirstPart_FailsWithEntityTooSmall()
    {
        using var client = await ClientWithBucketAsync("sdk-too-small");
        var created = await client.InitiateMultipartUploadAsync("sdk-too-small", "k");
        var etags = new List<PartETag>();
        for (var number = 1; number <= 2; number++)
        {
            var uploaded = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "sdk-too-small", Key = "k", UploadId = created.UploadId, PartNumber = number,
                InputStream = new MemoryStream(Encoding.UTF8.GetBytes("tiny part")),
            });
            etags.Add(new PartETag(number, uploaded.ETag));
        }

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "sdk-too-small", Key = "k", UploadId = created.UploadId, PartETags = etags,
        }));

        Assert.Equal("EntityTooSmall", error.ErrorCode);
    }

    [Fact]
    public async Task ListMultipartUploads_InProgressThenAborted_ListedOnlyWhileInProgress()
    {
        using var client = await ClientWithBucketAsync("sdk-list-uploads");
        var kept = await client.InitiateMultipartUploadAsync("sdk-list-uploads", "dumps/a.dump");
        var aborted = await client.InitiateMultipartUploadAsync("sdk-list-uploads", "dumps/b.dump");
        await client.InitiateMultipartUploadAsync("sdk-list-uploads", "other/c.dump");
        await client.AbortMultipartUploadAsync("sdk-list-uploads", "dumps/b.dump", aborted.UploadId);

        var listed = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = "sdk-list-uploads", Prefix = "dumps/" });

        var upload = Assert.Single(listed.MultipartUploads);
        Assert.Equal(("dumps/a.dump", kept.UploadId), (upload.Key, upload.UploadId));
    }

    [Fact]
    public async Task GetObject_MissingKey_FailsWithNoSuchKey()
    {
        using var client = await ClientWithBucketAsync("sdk-missing");

        var error = await Assert.ThrowsAsync<NoSuchKeyException>(() => client.GetObjectAsync("sdk-missing", "nothing-here"));

        Assert.Equal(("NoSuchKey", HttpStatusCode.NotFound), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task DeleteObject_ThenHead_ObjectIsGone()
    {
        using var client = await ClientWithBucketAsync("sdk-delete");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-delete", Key = "k", ContentBody = "x" });

        await client.DeleteObjectAsync("sdk-delete", "k");
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync("sdk-delete", "k"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ListObjects_BucketOfAnotherAccount_FailsWithAccessDenied()
    {
        using var devClient = await ClientWithBucketAsync("sdk-private");
        using var prodClient = sandbox.S3(sandbox.Prod);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => prodClient.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sdk-private" }));

        Assert.Equal("AccessDenied", error.ErrorCode);
    }
}
