namespace EcsOps.Runbooks.Exec;

/// <summary>
/// A wrapped command could not report its result: the container lacks a tool the wrapper needs, or the session ended
/// without the exit-status trailer. The message says which and what to do; callers exit 255 (ssh convention).
/// </summary>
public sealed class ExecSessionException : Exception
{
    public ExecSessionException(string message)
        : base(message)
    {
    }

    public ExecSessionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ExecSessionException()
        : this("the exec session failed")
    {
    }
}
