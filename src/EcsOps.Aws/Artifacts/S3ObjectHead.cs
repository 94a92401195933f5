namespace EcsOps.Aws.Artifacts;

/// <summary>What HEAD (or GET) tells about an object.</summary>
/// <param name="Metadata">User metadata by lowercase name, without the <c>x-amz-meta-</c> prefix.</param>
public sealed record S3ObjectHead(S3Url Location, long Size, DateTimeOffset LastModified, string? ETag, IReadOnlyDictionary<string, string> Metadata);
