namespace EcsOps.Runbooks.Postgres;

/// <summary>A finished restore: the verified dump's size and hash, and what pg_restore said on stderr.</summary>
public sealed record RestoreResult(long Size, string Sha256, TimeSpan Elapsed, string? ToolMessages);
