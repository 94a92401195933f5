using EcsOps.Aws.Artifacts;

namespace EcsOps.Runbooks.Postgres;

/// <summary>A stored backup: the dump as uploaded, its manifest, and what pg_dump said on stderr (warnings).</summary>
public sealed record BackupResult(UploadedObject Dump, S3Url Manifest, TimeSpan Elapsed, string? ToolMessages);
