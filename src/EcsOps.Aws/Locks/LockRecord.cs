namespace EcsOps.Aws.Locks;

/// <summary>What a lock object in S3 holds: which run has the scope, who started it, and until when it counts.</summary>
/// <param name="Scope">The locked scope, e.g. <c>db:orders</c>.</param>
/// <param name="RunId">The run holding it.</param>
/// <param name="Owner">Who started the run (the operator's ARN and host, or the server and its requester).</param>
/// <param name="Runbook">The runbook the run belongs to.</param>
/// <param name="AcquiredAt">When the run took the lock.</param>
/// <param name="ExpiresAt">After this the lock is stale and another run may take it over.</param>
public sealed record LockRecord(string Scope, string RunId, string Owner, string? Runbook, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
