using EcsOps.Sandbox.S3;

namespace EcsOps.Sandbox.Tests.S3;

public class S3AddressTests
{
    [Theory]
    [InlineData("127.0.0.1:4566", "/", null, null)]
    [InlineData("127.0.0.1:4566", "/bucket", "bucket", null)]
    [InlineData("127.0.0.1:4566", "/bucket/", "bucket", null)]
    [InlineData("127.0.0.1:4566", "/bucket/a/b%20c/..%2Fd", "bucket", "a/b c/../d")]
    [InlineData("bucket.localhost:4566", "/key/x", "bucket", "key/x")]
    [InlineData("bucket.localhost:4566", "/", "bucket", null)]
    [InlineData("my.bucket.s3.us-east-1.amazonaws.com", "/k", "my.bucket", "k")]
    [InlineData("s3.localhost:4566", "/bucket/k", "bucket", "k")]
    [InlineData("localhost:4566", "/bucket/k", "bucket", "k")]
    [InlineData("[::1]:4566", "/bucket/k", "bucket", "k")]
    public void Resolve_HostAndPath_FindsBucketAndKey(string host, string rawPath, string? bucket, string? key)
    {
        Assert.Equal(new S3Address(bucket, key), S3Address.Resolve(host, rawPath));
    }

    [Theory]
    [InlineData("bytes=0-9", 100, 0L, 10L)]
    [InlineData("bytes=90-", 100, 90L, 10L)]
    [InlineData("bytes=-5", 100, 95L, 5L)]
    [InlineData("bytes=95-200", 100, 95L, 5L)]
    [InlineData("bytes=-500", 100, 0L, 100L)]
    public void ByteRange_Satisfiable_ResolvesAgainstSize(string header, long size, long start, long length)
    {
        Assert.Equal(new ByteRange(start, length), ByteRange.Parse(header, size, out var unsatisfiable));
        Assert.False(unsatisfiable);
    }

    [Theory]
    [InlineData("bytes=100-", true)]
    [InlineData("bytes=-0", true)]
    [InlineData("bytes=5-2", false)]
    [InlineData("bytes=0-1,3-4", false)]
    [InlineData("items=0-1", false)]
    public void ByteRange_NotServable_IsNullAndSaysWhetherUnsatisfiable(string header, bool expectedUnsatisfiable)
    {
        Assert.Null(ByteRange.Parse(header, 100, out var unsatisfiable));
        Assert.Equal(expectedUnsatisfiable, unsatisfiable);
    }
}
