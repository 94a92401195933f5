using System.Text.Json.Serialization;

namespace EcsOps.Sandbox.S3;

/// <summary>A bucket: who owns it and where it lives.</summary>
public sealed record S3BucketRecord(string Name, string OwnerAccountId, string Region, DateTimeOffset CreationDate);

/// <summary>The attributes a client sets on an object and gets back on GET/HEAD.</summary>
public sealed record S3ObjectAttributes
{
    /// <summary>S3's default when the upload names none.</summary>
    public const string DefaultContentType = "binary/octet-stream";

    public string ContentType { get; init; } = DefaultContentType;
    public string? ContentEncoding { get; init; }
    public string? ContentDisposition { get; init; }
    public string? ContentLanguage { get; init; }
    public string? CacheControl { get; init; }
    public string StorageClass { get; init; } = "STANDARD";

    /// <summary>User metadata, lowercase names without the <c>x-amz-meta-</c> prefix.</summary>
    public Dictionary<string, string> Metadata { get; init; } = [];
}

/// <summary>A stored object (its data lives in a file named after the key's hash).</summary>
public sealed record S3ObjectRecord
{
    public required string Bucket { get; init; }
    public required string Key { get; init; }
    public long Size { get; init; }

    /// <summary>Quoted, as sent in the ETag header: <c>"md5hex"</c> or <c>"md5-of-md5s-N"</c> for multipart.</summary>
    public required string ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }
    public required S3ObjectAttributes Attributes { get; init; }
    public int? PartsCount { get; init; }
}

/// <summary>One uploaded part of a multipart upload.</summary>
public sealed record S3PartRecord(int PartNumber, long Size, string ETag, byte[] Md5, DateTimeOffset LastModified);

/// <summary>A multipart upload in progress.</summary>
public sealed record S3UploadRecord(string UploadId, string Bucket, string Key, string OwnerAccountId, S3ObjectAttributes Attributes, DateTimeOffset Initiated);

/// <summary>Source-generated JSON for the records persisted next to bucket and object data.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(S3BucketRecord))]
[JsonSerializable(typeof(S3ObjectRecord))]
internal sealed partial class S3StorageJsonContext : JsonSerializerContext;
