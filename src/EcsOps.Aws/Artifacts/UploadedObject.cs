namespace EcsOps.Aws.Artifacts;

/// <summary>An object S3 has completed, with the length and SHA-256 of the bytes we sent.</summary>
/// <param name="Sha256">Lowercase hex.</param>
/// <param name="ETag">As S3 answered (quoted, <c>-N</c> for multipart).</param>
/// <param name="PartCount">How many parts the upload had.</param>
public sealed record UploadedObject(S3Url Location, long Size, string Sha256, string ETag, int PartCount);
