namespace EcsOps.Runbooks.Files;

/// <summary>A copy that cannot be done or failed; the message says what and, where known, what to do.</summary>
public sealed class CopyException : Exception
{
    public CopyException(string message, bool interrupted = false)
        : base(message) => Interrupted = interrupted;

    public CopyException(string message)
        : this(message, interrupted: false)
    {
    }

    public CopyException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CopyException()
        : this("the copy failed")
    {
    }

    /// <summary>The copy stopped because of Ctrl-C (the CLI exits 130).</summary>
    public bool Interrupted { get; }
}
