using System.Globalization;

namespace EcsOps.Aws.Locks;

/// <summary>Another run holds the scope (its lock has not expired), or the lock object cannot be read.</summary>
public sealed class LockHeldException : Exception
{
    public LockHeldException()
    {
    }

    public LockHeldException(string message) : base(message)
    {
    }

    public LockHeldException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public LockHeldException(string scope, string location, LockRecord? holder, string message)
        : base(message)
    {
        Scope = scope;
        Location = location;
        Holder = holder;
    }

    /// <summary>The scope asked for.</summary>
    public string? Scope { get; }

    /// <summary>The lock object, <c>s3://bucket/key</c>.</summary>
    public string? Location { get; }

    /// <summary>The run holding the scope; null when the lock object could not be read.</summary>
    public LockRecord? Holder { get; }

    /// <summary>A time as lock messages print it (UTC, to the second).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
