using EcsOps.Aws.Artifacts;

namespace EcsOps.Aws.Tests.Artifacts;

public sealed class S3UrlTests
{
    [Theory]
    [InlineData("s3://backups", "backups", "", "backups/x.dump")]
    [InlineData("s3://backups/", "backups", "", "backups/x.dump")]
    [InlineData("s3://backups/prod/db", "backups", "prod/db", "backups/prod/db/x.dump")]
    [InlineData("s3://backups/prod/db/", "backups", "prod/db", "backups/prod/db/x.dump")]
    public void Parse_BucketAndPrefix_ChildJoinsWithOneSlash(string text, string bucket, string key, string child)
    {
        var location = S3Url.Parse(text);

        Assert.Equal((bucket, key), (location.Bucket, location.Key));
        Assert.Equal("s3://" + child, location.Child("x.dump").ToString());
    }

    [Theory]
    [InlineData("backups/prod")]
    [InlineData("s3://")]
    [InlineData("s3://Backups/x")]
    [InlineData("s3://b/x")]
    [InlineData("S3://backups/x")]
    [InlineData("https://backups.s3.amazonaws.com/x")]
    public void Parse_NotAnS3Address_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => S3Url.Parse(text));
    }
}
