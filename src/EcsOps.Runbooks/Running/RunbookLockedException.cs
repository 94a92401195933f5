using EcsOps.Aws.Locks;

namespace EcsOps.Runbooks.Running;

/// <summary>Another run holds the lock scope of this run; nothing was started.</summary>
public sealed class RunbookLockedException : Exception
{
    public RunbookLockedException()
    {
    }

    public RunbookLockedException(string message) : base(message)
    {
    }

    public RunbookLockedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RunbookLockedException(string runbook, LockHeldException held)
        : base(Describe(runbook, held), held)
    {
        ArgumentNullException.ThrowIfNull(held);
        Runbook = runbook;
        Holder = held.Holder;
    }

    /// <summary>The runbook that could not start.</summary>
    public string? Runbook { get; }

    /// <summary>The run holding the scope; null when its lock object could not be read.</summary>
    public LockRecord? Holder { get; }

    private static string Describe(string runbook, LockHeldException held)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (held.Holder is not { } holder)
        {
            return $"runbook {runbook} cannot take its lock: {held.Message}";
        }

        var other = holder.Runbook is { } name && name != runbook ? $" of runbook {name}" : "";
        return $"runbook {runbook} is locked by run {holder.RunId}{other} (owner {holder.Owner}) since "
            + $"{LockHeldException.FormatTime(holder.AcquiredAt)}: scope {holder.Scope}, held until {LockHeldException.FormatTime(holder.ExpiresAt)} at the latest ({held.Location})";
    }
}
