namespace EcsOps.Aws.Audit;

/// <summary>
/// One audit event, as written to every sink (one JSON object). A run writes a <see cref="AuditPhase.Start"/> event
/// before it acts and an <see cref="AuditPhase.End"/> event after; each is complete on its own (who, what, where), the
/// end event adds the result. Secrets in <see cref="Command"/> and <see cref="Parameters"/> are already masked.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>The version of this shape; readers skip events of a newer schema they do not know.</summary>
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;

    /// <summary>The run's <see cref="AuditRunId"/>; the start and end event of a run share it.</summary>
    public required string RunId { get; init; }

    public required AuditPhase Phase { get; init; }

    /// <summary>When the event was written (UTC).</summary>
    public required DateTimeOffset Time { get; init; }

    public required AuditActor Who { get; init; }

    /// <summary>The kind of action (<see cref="AuditActions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>The command line or runbook name, secrets masked.</summary>
    public string? Command { get; init; }

    /// <summary>Named parameters (runbook parameters, forward specs), secrets masked.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public AuditTarget? Target { get; init; }

    /// <summary>Why the operator acted, as they said it (<c>--reason</c>, the Slack message, the ticket).</summary>
    public string? Reason { get; init; }

    /// <summary>What wrote the event: <c>ecsops/&lt;version&gt; cli</c> or <c>… serve</c>, and the host.</summary>
    public string? Client { get; init; }

    /// <summary>End only: how the run ended.</summary>
    public AuditResult? Result { get; init; }

    /// <summary>End only: the remote command's exit status, or ecsops's own exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>End only: bytes the operator's side sent (stdin, forwarded uploads, copied files).</summary>
    public long? BytesSent { get; init; }

    /// <summary>End only: bytes the operator's side received.</summary>
    public long? BytesReceived { get; init; }

    /// <summary>End only: milliseconds from the start event to the end event.</summary>
    public long? DurationMs { get; init; }

    /// <summary>End only: the one-line error when the run failed.</summary>
    public string? Error { get; init; }

    /// <summary>End only: Session Manager session ids the run opened (they appear in CloudTrail).</summary>
    public IReadOnlyList<string>? Sessions { get; init; }

    /// <summary>End only: the S3 URIs of the session transcript's parts, in order.</summary>
    public IReadOnlyList<string>? Transcript { get; init; }
}
