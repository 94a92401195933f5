namespace EcsOps.Aws.Audit;

/// <summary>An audit event could not be stored where the configuration requires it; the message says where and why.</summary>
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
    {
    }

    public AuditUnavailableException(string message) : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public AuditUnavailableException(AuditPhase phase, string runId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Phase = phase;
        RunId = runId;
    }

    /// <summary>Which event failed; a failed start means the action did not run.</summary>
    public AuditPhase Phase { get; }

    public string? RunId { get; }
}
