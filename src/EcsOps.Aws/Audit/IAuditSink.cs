namespace EcsOps.Aws.Audit;

/// <summary>A place audit events go: the hash-chained local file, CloudWatch Logs.</summary>
public interface IAuditSink
{
    /// <summary>Names the sink in messages, e.g. <c>file ~/.local/state/ecsops/audit.jsonl</c>.</summary>
    string Description { get; }

    /// <summary>Stores one event durably; returns only once it is stored, throws when it is not.</summary>
    Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
