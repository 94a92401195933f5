using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Audit;

/// <summary>
/// A run whose start event is stored. Carry <see cref="SsmReason"/>, <see cref="StartedBy"/> and <see cref="Tags"/>
/// to AWS, note what the run did (<see cref="AddSession"/>, <see cref="AddBytes"/>, <see cref="AddTranscript"/>),
/// and finish with <see cref="EndAsync"/> exactly once. Safe to note from several threads.
/// </summary>
public sealed class AuditedRun
{
    private readonly AuditTrail _trail;
    private readonly long _startTimestamp;
    private readonly Lock _lock = new();
    private readonly List<string> _sessions = [];
    private readonly List<string> _transcript = [];
    private long _bytesSent;
    private long _bytesReceived;
    private bool _hasBytes;
    private int _ended;

    internal AuditedRun(AuditTrail trail, AuditRunId runId, AuditEvent start, long startTimestamp)
    {
        _trail = trail;
        RunId = runId;
        Start = start;
        _startTimestamp = startTimestamp;
    }

    public AuditRunId RunId { get; }

    /// <summary>The stored start event (secrets masked).</summary>
    public AuditEvent Start { get; }

    /// <summary>For SSM StartSession <c>Reason</c>: <c>ecsops:&lt;run id&gt; &lt;reason&gt;</c>.</summary>
    public string SsmReason => AuditRunMarkers.SsmReason(RunId, Start.Reason);

    /// <summary>For ECS RunTask <c>startedBy</c>: <c>ecsops:&lt;run id&gt;</c>.</summary>
    public string StartedBy => AuditRunMarkers.StartedBy(RunId);

    /// <summary>For ECS RunTask <c>tags</c> (with <c>ecs:TagResource</c> allowed): run id, action, operator, requester, reason.</summary>
    public IReadOnlyList<Tag> Tags => AuditRunMarkers.Tags(Start);

    public bool HasEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>A Session Manager session the run opened.</summary>
    public void AddSession(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        lock (_lock)
        {
            _sessions.Add(sessionId);
        }
    }

    /// <summary>Bytes moved, from the operator's side; adds up over calls.</summary>
    public void AddBytes(long sent, long received)
    {
        lock (_lock)
        {
            _bytesSent += sent;
            _bytesReceived += received;
            _hasBytes = true;
        }
    }

    /// <summary>A stored transcript part (an <c>s3://</c> URI).</summary>
    public void AddTranscript(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        lock (_lock)
        {
            _transcript.Add(uri);
        }
    }

    /// <summary>Writes the end event: the start's who/what/where plus the outcome and what was noted.</summary>
    /// <exception cref="AuditUnavailableException">The end event was not stored; the caller keeps its own result.</exception>
    /// <exception cref="InvalidOperationException">The run has already ended.</exception>
    public async Task<AuditEvent> EndAsync(AuditOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            throw new InvalidOperationException($"run {RunId} has already ended");
        }

        AuditEvent end;
        lock (_lock)
        {
            end = Start with
            {
                Phase = AuditPhase.End,
                Time = _trail.TimeProvider.GetUtcNow(),
                Result = outcome.Result,
                ExitCode = outcome.ExitCode,
                Error = outcome.Error is null ? null : SecretMasker.MaskText(outcome.Error),
                BytesSent = _hasBytes ? _bytesSent : null,
                BytesReceived = _hasBytes ? _bytesReceived : null,
                DurationMs = (long)_trail.TimeProvider.GetElapsedTime(_startTimestamp).TotalMilliseconds,
                Sessions = _sessions.Count > 0 ? [.. _sessions] : null,
                Transcript = _transcript.Count > 0 ? [.. _transcript] : null,
            };
        }

        await _trail.WriteAsync(end, cancellationToken);
        return end;
    }
}
