namespace EcsOps.Aws.Artifacts;

/// <summary>One object of a listing.</summary>
public sealed record S3ListedObject(S3Url Location, long Size, DateTimeOffset LastModified);
