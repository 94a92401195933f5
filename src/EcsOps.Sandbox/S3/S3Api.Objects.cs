using System.Buffers;
using System.Globalization;
using System.Text;
using EcsOps.Sandbox.Http;
using Microsoft.Net.Http.Headers;

namespace EcsOps.Sandbox.S3;

public static partial class S3Api
{
    private const string MetadataHeaderPrefix = "x-amz-meta-";

    /// <summary>PutObject, conditional with <c>If-None-Match: *</c> or <c>If-Match: etag</c> (see <see cref="S3WriteCondition"/>).</summary>
    private static async Task PutObjectAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        RequireValidKey(request);
        var condition = S3WriteCondition.From(request.Request);
        condition?.CheckOnArrival(request, request.Store.FindObject(request.Bucket, request.Key));
        var record = await request.Store.PutObjectAsync(
            request.Bucket, request.Key, AttributesFrom(request.Request),
            destination => S3RequestBody.CopyToAsync(request.Context, destination, request.Aborted), request.Aborted,
            condition is null ? null : condition.CheckAtCommit);
        request.Response.Headers.ETag = record.ETag;
    }

    /// <summary>GET and HEAD: conditional headers, one byte range, user metadata; the body streams from disk.</summary>
    private static async Task GetObjectAsync(S3Request request)
    {
        var record = request.RequireObject();
        if (EvaluateConditions(request, record) is { } status)
        {
            request.Response.StatusCode = status;
            if (status == StatusCodes.Status304NotModified)
            {
                request.Response.Headers.ETag = record.ETag;
                return;
            }

            throw new AwsErrorException("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412)
            {
                S3Details = [new("Condition", "If-Match")],
            };
        }

        var range = ByteRange.Parse(request.Request.Headers.Range, record.Size, out var unsatisfiable);
        if (unsatisfiable)
        {
            throw new AwsErrorException("InvalidRange", "The requested range is not satisfiable", 416)
            {
                S3Details = [new("RangeRequested", request.Request.Headers.Range.ToString()), new("ActualObjectSize", record.Size.ToString(CultureInfo.InvariantCulture))],
            };
        }

        await using var data = request.Store.OpenRead(record) ?? throw request.NoSuchKey();
        WriteObjectHeaders(request.Response, record);
        var (start, length) = range is { } r ? (r.Start, r.Length) : (0L, record.Size);
        if (range is { } partial)
        {
            request.Response.StatusCode = StatusCodes.Status206PartialContent;
            request.Response.Headers.ContentRange = $"bytes {partial.Start}-{partial.End}/{record.Size}";
        }

        request.Response.ContentLength = length;
        if (HttpMethods.IsHead(request.Request.Method))
        {
            return;
        }

        data.Seek(start, SeekOrigin.Begin);
        await CopyRangeAsync(data, request.Response.Body, length, request.Aborted);
    }

    /// <summary>DeleteObject, conditional with <c>If-Match</c>: 412 when the ETag differs, 404 NoSuchKey when there is no object.</summary>
    private static Task DeleteObjectAsync(S3Request request)
    {
        request.RequireOwnedBucket();
        var condition = S3WriteCondition.From(request.Request, allowIfNoneMatch: false);
        condition?.CheckOnArrival(request, request.Store.FindObject(request.Bucket, request.Key));
        request.Store.DeleteObject(request.Bucket, request.Key, condition is null ? null : condition.CheckAtCommit);
        request.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static void RequireValidKey(S3Request request)
    {
        if (Encoding.UTF8.GetByteCount(request.Key) > S3Request.MaxKeyBytes)
        {
            throw new AwsErrorException("KeyTooLongError", "Your key is too long");
        }
    }

    private static S3ObjectAttributes AttributesFrom(HttpRequest request)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith(MetadataHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[name[MetadataHeaderPrefix.Length..].ToLowerInvariant()] = value.ToString();
            }
        }

        // aws-chunked describes this request's framing, not the stored object.
        var encodings = request.Headers.ContentEncoding.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return new S3ObjectAttributes
        {
            ContentType = string.IsNullOrEmpty(request.ContentType) ? S3ObjectAttributes.DefaultContentType : request.ContentType,
            ContentEncoding = encodings.Count > 0 ? string.Join(',', encodings) : null,
            ContentDisposition = NullIfEmpty(request.Headers.ContentDisposition),
            ContentLanguage = NullIfEmpty(request.Headers.ContentLanguage),
            CacheControl = NullIfEmpty(request.Headers.CacheControl),
            StorageClass = NullIfEmpty(request.Headers["x-amz-storage-class"]) ?? "STANDARD",
            Metadata = metadata,
        };
    }

    private static void WriteObjectHeaders(HttpResponse response, S3ObjectRecord record)
    {
        var attributes = record.Attributes;
        response.ContentType = attributes.ContentType;
        response.Headers.ETag = record.ETag;
        response.Headers.LastModified = record.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        SetIfPresent(response, HeaderNames.ContentEncoding, attributes.ContentEncoding);
        SetIfPresent(response, HeaderNames.ContentDisposition, attributes.ContentDisposition);
        SetIfPresent(response, HeaderNames.ContentLanguage, attributes.ContentLanguage);
        SetIfPresent(response, HeaderNames.CacheControl, attributes.CacheControl);
        if (attributes.StorageClass != "STANDARD")
        {
            response.Headers["x-amz-storage-class"] = attributes.StorageClass;
        }

        foreach (var (name, value) in attributes.Metadata)
        {
            response.Headers[MetadataHeaderPrefix + name] = value;
        }
    }

    /// <summary>304/412 per If-None-Match, If-Match, If-Modified-Since, If-Unmodified-Since; null to serve.</summary>
    private static int? EvaluateConditions(S3Request request, S3ObjectRecord record)
    {
        var headers = request.Request.Headers;
        var ifMatch = headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && !EtagListContains(ifMatch, record.ETag))
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        var ifNoneMatch = headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && EtagListContains(ifNoneMatch, record.ETag))
        {
            return StatusCodes.Status304NotModified;
        }

        var lastModified = record.LastModified.ToUnixTimeSeconds();
        if (ifMatch.Length == 0 && DateTimeOffset.TryParse(headers.IfUnmodifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var unmodifiedSince)
            && lastModified > unmodifiedSince.ToUnixTimeSeconds())
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        if (ifNoneMatch.Length == 0 && DateTimeOffset.TryParse(headers.IfModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modifiedSince)
            && lastModified <= modifiedSince.ToUnixTimeSeconds())
        {
            return StatusCodes.Status304NotModified;
        }

        return null;
    }

    private static bool EtagListContains(string list, string etag) =>
        list.Split(',', StringSplitOptions.TrimEntries).Any(e => e == "*" || e.Trim('"') == etag.Trim('"'));

    private static async Task CopyRangeAsync(Stream source, Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (length > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken);
                if (read == 0)
                {
                    throw new IOException("object data ended before its recorded size");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void SetIfPresent(HttpResponse response, string name, string? value)
    {
        if (value is not null)
        {
            response.Headers[name] = value;
        }
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();
}
