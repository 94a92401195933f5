using EcsOps.Sandbox.Http;
using EcsOps.Sandbox.S3;
using Microsoft.AspNetCore.Http;

namespace EcsOps.Sandbox.Tests.S3;

/// <summary>
/// A conditional write that held when it arrived but loses at commit, because another write of the key finished while
/// its body was being received: S3 answers 409 ConditionalRequestConflict and the other write's object stays.
/// </summary>
public sealed class S3WriteConditionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("s3-condition-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Commit_AnotherWriteFinishedDuringTheUpload_409ConditionalRequestConflict()
    {
        var store = new S3ObjectStore(_directory, TimeProvider.System);
        store.CreateBucket("b", "111111111111", "us-east-1");
        var condition = S3WriteCondition.From(RequestWith("If-None-Match", "*"))!;

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => store.PutObjectAsync("b", "k", new S3ObjectAttributes(), async body =>
        {
            await store.PutObjectAsync("b", "k", new S3ObjectAttributes(), other => WriteAsync(other, "other"), CancellationToken.None);
            return await WriteAsync(body, "ours");
        }, CancellationToken.None, condition.CheckAtCommit));

        Assert.Equal("ConditionalRequestConflict", error.Code);
        Assert.Equal(StatusCodes.Status409Conflict, error.StatusCode);
        Assert.Equal(5, store.FindObject("b", "k")!.Size);
    }

    [Fact]
    public async Task Delete_IfMatchAfterTheObjectChanged_409AndTheObjectStays()
    {
        var store = new S3ObjectStore(_directory, TimeProvider.System);
        store.CreateBucket("b", "111111111111", "us-east-1");
        var first = await store.PutObjectAsync("b", "k", new S3ObjectAttributes(), body => WriteAsync(body, "v1"), CancellationToken.None);
        var condition = S3WriteCondition.From(RequestWith("If-Match", first.ETag), allowIfNoneMatch: false)!;
        await store.PutObjectAsync("b", "k", new S3ObjectAttributes(), body => WriteAsync(body, "v2"), CancellationToken.None);

        var error = Assert.Throws<AwsErrorException>(() => store.DeleteObject("b", "k", condition.CheckAtCommit));

        Assert.Equal(StatusCodes.Status409Conflict, error.StatusCode);
        Assert.NotNull(store.FindObject("b", "k"));
    }

    private static HttpRequest RequestWith(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }

    private static async Task<BodyDigest> WriteAsync(Stream destination, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await destination.WriteAsync(bytes);
        using var hasher = new BodyHasher();
        hasher.Append(bytes);
        return hasher.Finish();
    }
}
