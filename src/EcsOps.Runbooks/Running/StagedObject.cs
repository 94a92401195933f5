namespace EcsOps.Runbooks.Running;

/// <summary>Where a task-mode command was staged: its key and, in a versioned bucket, the version written.</summary>
internal sealed record StagedObject(string Key, string? VersionId);
