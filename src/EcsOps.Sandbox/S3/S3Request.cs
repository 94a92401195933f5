using System.Globalization;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

/// <summary>One S3 request as the handlers see it: the HTTP context, the caller, and the addressed bucket and key.</summary>
public sealed class S3Request(HttpContext context, S3ObjectStore store)
{
    public const string XmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The longest key S3 accepts, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    public HttpContext Context { get; } = context;
    public S3ObjectStore Store { get; } = store;
    public AwsRequestContext Aws { get; } = context.GetAwsRequest();
    public S3Address Address { get; } = S3Address.Resolve(context.Request.Host.Value ?? "", AwsRequestMiddleware.RawTarget(context).Path);
    public HttpRequest Request => Context.Request;
    public HttpResponse Response => Context.Response;
    public CancellationToken Aborted => Context.RequestAborted;

    public string Bucket => Address.Bucket ?? throw new InvalidOperationException("no bucket in this request");
    public string Key => Address.Key ?? throw new InvalidOperationException("no key in this request");

    public bool HasQuery(string name) => Request.Query.ContainsKey(name);

    public string? Query(string name) => Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The bucket, which must exist and belong to the caller's account.</summary>
    public S3BucketRecord RequireOwnedBucket()
    {
        var bucket = Store.FindBucket(Bucket) ?? throw new AwsErrorException("NoSuchBucket", "The specified bucket does not exist", 404)
        {
            S3Details = [new("BucketName", Bucket)],
        };
        return bucket.OwnerAccountId == Aws.Caller.AccountId
            ? bucket
            : throw new AwsErrorException("AccessDenied", "Access Denied", 403);
    }

    /// <summary>The addressed object, which must exist.</summary>
    public S3ObjectRecord RequireObject()
    {
        RequireOwnedBucket();
        return Store.FindObject(Bucket, Key) ?? throw NoSuchKey();
    }

    public AwsErrorException NoSuchKey() => new("NoSuchKey", "The specified key does not exist.", 404)
    {
        S3Details = [new("Key", Key)],
    };

    /// <summary>An integer query parameter, or the S3 InvalidArgument error.</summary>
    public int? IntQuery(string name, int min, int max)
    {
        var text = Query(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new AwsErrorException("InvalidArgument", $"{name} must be an integer between {min} and {max}.")
            {
                S3Details = [new("ArgumentName", name), new("ArgumentValue", text)],
            };
    }

    public static string IsoTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
