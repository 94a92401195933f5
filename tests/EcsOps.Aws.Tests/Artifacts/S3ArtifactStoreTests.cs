using System.Security.Cryptography;
using Amazon.S3.Model;
using EcsOps.Aws.Artifacts;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Artifacts;

/// <summary>The streaming upload and the verified download against the sandbox's S3.</summary>
[Collection(SandboxCollection.Name)]
public sealed class S3ArtifactStoreTests(SandboxFixture sandbox)
{
    private const int PartSize = 5 * 1024 * 1024;

    [Fact]
    public async Task Upload_OddWritesOverThreeParts_ObjectByteIdenticalWithItsHashAndSize()
    {
        using var store = await StoreWithBucketAsync("artifacts-upload");
        var data = RandomNumberGenerator.GetBytes(2 * PartSize + 12_345);
        var location = new S3Url("artifacts-upload", "dumps/a.dump");

        UploadedObject uploaded;
        await using (var upload = store.StartUpload(location, new Dictionary<string, string> { ["database"] = "shop" }, partSize: PartSize))
        {
            for (var offset = 0; offset < data.Length; offset += 777_777)
            {
                await upload.WriteAsync(data.AsMemory(offset, Math.Min(777_777, data.Length - offset)));
            }

            uploaded = await upload.CompleteAsync(CancellationToken.None);
        }

        using var download = await store.Client.GetObjectAsync("artifacts-upload", "dumps/a.dump");
        using var received = new MemoryStream();
        await download.ResponseStream.CopyToAsync(received);
        Assert.Equal(data, received.ToArray());
        Assert.Equal((3, data.Length, Convert.ToHexStringLower(SHA256.HashData(data))), (uploaded.PartCount, uploaded.Size, uploaded.Sha256));
        Assert.Equal("shop", download.Metadata["x-amz-meta-database"]);
    }

    [Fact]
    public async Task Upload_AbortedAfterTwoParts_NoObjectAndNoUploadLeft()
    {
        using var store = await StoreWithBucketAsync("artifacts-abort");
        var location = new S3Url("artifacts-abort", "dumps/b.dump");
        await using var upload = store.StartUpload(location, new Dictionary<string, string>(), partSize: PartSize);
        await upload.WriteAsync(RandomNumberGenerator.GetBytes(2 * PartSize + 1));
        Assert.NotNull(upload.UploadId);

        var failure = await upload.AbortAsync();

        Assert.Null(failure);
        Assert.Null(await store.HeadAsync(location, CancellationToken.None));
        var uploads = await store.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = "artifacts-abort" });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    [Fact]
    public async Task Upload_DisposedWithoutCompleting_Aborted()
    {
        using var store = await StoreWithBucketAsync("artifacts-dispose");
        var location = new S3Url("artifacts-dispose", "c.dump");
        await using (var upload = store.StartUpload(location, new Dictionary<string, string>(), partSize: PartSize))
        {
            await upload.WriteAsync(RandomNumberGenerator.GetBytes(PartSize));
        }

        var uploads = await store.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = "artifacts-dispose" });
        Assert.Empty(uploads.MultipartUploads ?? []);
        Assert.Null(await store.HeadAsync(location, CancellationToken.None));
    }

    [Fact]
    public async Task Upload_NothingWritten_EmptyObject()
    {
        using var store = await StoreWithBucketAsync("artifacts-empty");
        var location = new S3Url("artifacts-empty", "empty.dump");
        await using var upload = store.StartUpload(location, new Dictionary<string, string>());

        var uploaded = await upload.CompleteAsync(CancellationToken.None);

        Assert.Equal((0L, Convert.ToHexStringLower(SHA256.HashData([]))), (uploaded.Size, uploaded.Sha256));
        Assert.Equal(0, (await store.HeadAsync(location, CancellationToken.None))!.Size);
    }

    [Fact]
    public async Task Upload_BucketMissing_TypedAwsErrorNotAnIOException()
    {
        using var store = new S3ArtifactStore(sandbox.Factory().CreateS3("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev)));
        await using var upload = store.StartUpload(new S3Url("artifacts-no-such-bucket", "x.dump"), new Dictionary<string, string>(), partSize: PartSize);

        var error = await Assert.ThrowsAsync<AwsServiceException>(async () => await upload.WriteAsync(new byte[PartSize]));

        Assert.Equal("NoSuchBucket", error.ErrorCode);
    }

    [Fact]
    public async Task Download_Object_PrivateTempFileWithHashRemovedOnDispose()
    {
        using var store = await StoreWithBucketAsync("artifacts-download");
        var data = RandomNumberGenerator.GetBytes(700_000);
        await store.Client.PutObjectAsync(new PutObjectRequest { BucketName = "artifacts-download", Key = "d.dump", InputStream = new MemoryStream(data) });
        var directory = Directory.CreateTempSubdirectory("ecsops-download-").FullName;
        try
        {
            var reported = new List<long>();
            await using (var downloaded = await store.DownloadAsync(
                new S3Url("artifacts-download", "d.dump"), directory, new SynchronousProgress(reported.Add), CancellationToken.None))
            {
                var file = Assert.Single(Directory.GetFiles(directory));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }

                using var copy = new MemoryStream();
                await downloaded.Content.CopyToAsync(copy);
                Assert.Equal(data, copy.ToArray());
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), downloaded.Sha256);
                Assert.Equal(data.Length, reported[^1]);
            }

            Assert.Empty(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task HeadAndGetText_MissingObject_Null()
    {
        using var store = await StoreWithBucketAsync("artifacts-missing");

        Assert.Null(await store.HeadAsync(new S3Url("artifacts-missing", "nope"), CancellationToken.None));
        Assert.Null(await store.GetTextAsync(new S3Url("artifacts-missing", "nope.sha256"), 4096, CancellationToken.None));
    }

    private async Task<S3ArtifactStore> StoreWithBucketAsync(string bucket)
    {
        var client = sandbox.Factory().CreateS3("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));
        await client.PutBucketAsync(bucket);
        return new S3ArtifactStore(client);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
