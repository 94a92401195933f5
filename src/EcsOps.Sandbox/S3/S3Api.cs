using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

/// <summary>
/// S3 (REST-XML): buckets, objects with ranges and user metadata, ListObjects(V2), multipart uploads, with
/// path-style and virtual-hosted addressing. Every other request reaches S3, so the route is a catch-all and
/// an operation is chosen from the method, whether a bucket and key are addressed, and the subresource.
/// </summary>
public static partial class S3Api
{
    private enum Target
    {
        Service,
        Bucket,
        Object,
    }

    private sealed record Operation(string Name, string Method, Target Target, Func<S3Request, bool> Matches, Func<S3Request, Task> Handle);

    // More specific subresources first: the first match wins.
    private static readonly Operation[] s_operations =
    [
        new("ListBuckets", "GET", Target.Service, _ => true, ListBucketsAsync),
        new("GetBucketLocation", "GET", Target.Bucket, r => r.HasQuery("location"), GetBucketLocationAsync),
        new("ListMultipartUploads", "GET", Target.Bucket, r => r.HasQuery("uploads"), ListMultipartUploadsAsync),
        new("ListObjectsV2", "GET", Target.Bucket, r => r.Query("list-type") == "2", ListObjectsV2Async),
        new("ListObjects", "GET", Target.Bucket, r => !HasUnsupportedSubresource(r), ListObjectsAsync),
        new("CreateBucket", "PUT", Target.Bucket, r => !HasUnsupportedSubresource(r), CreateBucketAsync),
        new("HeadBucket", "HEAD", Target.Bucket, _ => true, HeadBucketAsync),
        new("DeleteBucket", "DELETE", Target.Bucket, r => !HasUnsupportedSubresource(r), DeleteBucketAsync),
        new("DeleteObjects", "POST", Target.Bucket, r => r.HasQuery("delete"), DeleteObjectsAsync),
        new("UploadPart", "PUT", Target.Object, r => r.HasQuery("uploadId") && r.HasQuery("partNumber") && !r.Request.Headers.ContainsKey("x-amz-copy-source"), UploadPartAsync),
        new("PutObject", "PUT", Target.Object, r => !r.Request.Headers.ContainsKey("x-amz-copy-source") && !HasUnsupportedSubresource(r), PutObjectAsync),
        new("GetObject", "GET", Target.Object, r => !HasUnsupportedSubresource(r), GetObjectAsync),
        new("HeadObject", "HEAD", Target.Object, _ => true, GetObjectAsync),
        new("AbortMultipartUpload", "DELETE", Target.Object, r => r.HasQuery("uploadId"), AbortMultipartUploadAsync),
        new("DeleteObject", "DELETE", Target.Object, r => !HasUnsupportedSubresource(r), DeleteObjectAsync),
        new("CreateMultipartUpload", "POST", Target.Object, r => r.HasQuery("uploads"), CreateMultipartUploadAsync),
        new("CompleteMultipartUpload", "POST", Target.Object, r => r.HasQuery("uploadId"), CompleteMultipartUploadAsync),
    ];

    // Subresources of S3 the sandbox does not emulate; a request naming one gets NotImplemented, not a wrong answer.
    private static readonly string[] s_unsupportedSubresources =
    [
        "acl", "policy", "cors", "lifecycle", "versioning", "versions", "tagging", "website", "logging", "notification",
        "replication", "encryption", "uploads", "uploadId", "partNumber", "restore", "select", "object-lock", "retention",
        "legal-hold", "torrent", "accelerate", "requestPayment", "ownershipControls", "publicAccessBlock", "attributes",
    ];

    public static IEndpointRouteBuilder MapS3Api(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var store = routes.ServiceProvider.GetRequiredService<S3ObjectStore>();
        routes.MapMethods("/{**path}", ["GET", "PUT", "HEAD", "DELETE", "POST"], (HttpContext context) => DispatchAsync(new S3Request(context, store)))
            .WithMetadata(new AwsServiceMetadata(AwsService.S3))
            .WithName("s3");
        return routes;
    }

    private static Task DispatchAsync(S3Request request)
    {
        var target = request.Address switch
        {
            { Bucket: null } => Target.Service,
            { Key: null } => Target.Bucket,
            _ => Target.Object,
        };
        var operation = s_operations.FirstOrDefault(o =>
            o.Target == target && HttpMethods.Equals(o.Method, request.Request.Method) && o.Matches(request));
        if (operation is null)
        {
            throw new AwsErrorException("NotImplemented", "A header or query you provided implies functionality that is not implemented.", 501);
        }

        request.Aws.Operation = operation.Name;
        return operation.Handle(request);
    }

    private static bool HasUnsupportedSubresource(S3Request request) =>
        s_unsupportedSubresources.Any(request.HasQuery);
}
