namespace EcsOps.Runbooks;

/// <summary>
/// A request to run a runbook that cannot be accepted as asked (unknown runbook or parameter, missing or invalid
/// value, no target). Raised before anything starts; the message is one line that never contains a secret value.
/// The CLI exits 2 (usage) for it; the server refuses the request.
/// </summary>
public sealed class RunbookUsageException : Exception
{
    public RunbookUsageException()
    {
    }

    public RunbookUsageException(string message) : base(message)
    {
    }

    public RunbookUsageException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RunbookUsageException(RunbookUsageKind kind, string message) : base(message) => Kind = kind;

    public RunbookUsageKind Kind { get; }
}
