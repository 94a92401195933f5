namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Whoever reads the command's output stopped reading (<c>ecsops exec -- cat big | head</c>): the session is ended
/// and the CLI exits quietly, as a process killed by SIGPIPE would.
/// </summary>
public sealed class OutputClosedException : IOException
{
    public OutputClosedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public OutputClosedException(string message)
        : base(message)
    {
    }

    public OutputClosedException()
        : this("the output was closed")
    {
    }
}
