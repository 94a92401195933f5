using EcsOps.Aws.S3;

namespace EcsOps.Runbooks;

/// <summary>The settings under <c>runbooks:</c> that apply to every runbook.</summary>
public sealed record RunbookSettings
{
    public static readonly RunbookSettings None = new();

    /// <summary>
    /// <c>runbooks.staging</c>: where task-mode commands too long for RunTask's 8 KiB overrides are staged; the task
    /// role must be able to read it. Null: such runs are refused.
    /// </summary>
    public S3Prefix? Staging { get; init; }

    /// <summary><c>runbooks.locks</c>: where lock objects live; required when any runbook declares a lock.</summary>
    public S3Prefix? Locks { get; init; }
}
