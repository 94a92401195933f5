using System.Text.RegularExpressions;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

public static partial class S3Api
{
    private static Task ListBucketsAsync(S3Request request)
    {
        var buckets = request.Store.ListBuckets(request.Aws.Caller.AccountId);
        return S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("ListAllMyBucketsResult", S3Request.XmlNamespace);
            writer.WriteStartElement("Owner");
            writer.WriteElementString("ID", request.Aws.Caller.AccountId);
            writer.WriteElementString("DisplayName", request.Aws.Caller.SessionName);
            writer.WriteEndElement();
            writer.WriteStartElement("Buckets");
            foreach (var bucket in buckets)
            {
                writer.WriteStartElement("Bucket");
                writer.WriteElementString("Name", bucket.Name);
                writer.WriteElementString("CreationDate", S3Request.IsoTime(bucket.CreationDate));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    private static async Task CreateBucketAsync(S3Request request)
    {
        if (!BucketNamePattern().IsMatch(request.Bucket) || request.Bucket.Contains("..", StringComparison.Ordinal))
        {
            throw new AwsErrorException("InvalidBucketName", "The specified bucket is not valid.") { S3Details = [new("BucketName", request.Bucket)] };
        }

        var configuration = await S3Xml.ReadAsync(request);
        var region = configuration?.Root is { } root ? S3Xml.ChildValue(root, "LocationConstraint") : null;
        region = string.IsNullOrEmpty(region) ? request.Aws.Region : region;
        var (bucket, created) = request.Store.CreateBucket(request.Bucket, request.Aws.Caller.AccountId, region);
        if (!created)
        {
            if (bucket.OwnerAccountId != request.Aws.Caller.AccountId)
            {
                throw new AwsErrorException("BucketAlreadyExists",
                    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", 409)
                { S3Details = [new("BucketName", request.Bucket)] };
            }

            // us-east-1 answers a repeated create by the owner with success, every other region with 409.
            if (bucket.Region != "us-east-1")
            {
                throw new AwsErrorException("BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.", 409)
                { S3Details = [new("BucketName", request.Bucket)] };
            }
        }

        request.Response.Headers.Location = "/" + request.Bucket;
    }

    private static Task HeadBucketAsync(S3Request request)
    {
        var bucket = request.RequireOwnedBucket();
        request.Response.Headers["x-amz-bucket-region"] = bucket.Region;
        return Task.CompletedTask;
    }

    private static Task DeleteBucketAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        if (!request.Store.DeleteBucket(request.Bucket))
        {
            throw new AwsErrorException("BucketNotEmpty", "The bucket you tried to delete is not empty", 409) { S3Details = [new("BucketName", request.Bucket)] };
        }

        request.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task GetBucketLocationAsync(S3Request request)
    {
        var bucket = request.RequireOwnedBucket();
        return S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("LocationConstraint", S3Request.XmlNamespace);
            writer.WriteString(bucket.Region == "us-east-1" ? "" : bucket.Region);
            writer.WriteEndElement();
        });
    }

    private static async Task DeleteObjectsAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var document = await S3Xml.ReadAsync(request);
        if (document?.Root is not { Name.LocalName: "Delete" } root)
        {
            throw S3Xml.MalformedXml();
        }

        var quiet = S3Xml.ChildValue(root, "Quiet") == "true";
        var keys = S3Xml.Children(root, "Object").Select(o => S3Xml.ChildValue(o, "Key")).ToList();
        if (keys.Count is 0 or > 1000 || keys.Any(k => string.IsNullOrEmpty(k)))
        {
            throw S3Xml.MalformedXml();
        }

        foreach (var key in keys)
        {
            request.Store.DeleteObject(request.Bucket, key!);
        }

        await S3Xml.WriteAsync(request, writer =>
        {
            writer.WriteStartElement("DeleteResult", S3Request.XmlNamespace);
            foreach (var key in quiet ? [] : keys)
            {
                writer.WriteStartElement("Deleted");
                writer.WriteElementString("Key", key);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketNamePattern();
}
