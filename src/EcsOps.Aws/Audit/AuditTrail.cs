namespace EcsOps.Aws.Audit;

/// <summary>
/// Writes each event to every sink at once. An event counts as stored when at least one sink (every sink, with
/// <see cref="AuditTrailOptions.RequireAllSinks"/>) stored it; otherwise <see cref="AuditUnavailableException"/>
/// names each sink and why it failed. Build one with <see cref="AuditTrailFactory"/>.
/// </summary>
public sealed class AuditTrail : IAuditTrail
{
    private readonly IReadOnlyList<IAuditSink> _sinks;
    private readonly Func<CancellationToken, Task<AuditActor>> _actor;
    private readonly AuditTrailOptions _options;

    /// <param name="sinks">Where events go; at least one.</param>
    /// <param name="actor">Who is acting (STS GetCallerIdentity of the base credentials), asked at each start.</param>
    public AuditTrail(IReadOnlyList<IAuditSink> sinks, Func<CancellationToken, Task<AuditActor>> actor, AuditTrailOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(actor);
        if (sinks.Count == 0)
        {
            throw new ArgumentException("an audit trail needs at least one sink", nameof(sinks));
        }

        _sinks = sinks;
        _actor = actor;
        _options = options ?? new AuditTrailOptions();
    }

    public IReadOnlyList<IAuditSink> Sinks => _sinks;

    public TimeProvider TimeProvider => _options.TimeProvider;

    public async Task<AuditedRun> BeginAsync(AuditStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var actor = await _actor(cancellationToken);
        var runId = start.RunId ?? AuditRunId.New(_options.TimeProvider);
        var startEvent = new AuditEvent
        {
            RunId = runId.Value,
            Phase = AuditPhase.Start,
            Time = _options.TimeProvider.GetUtcNow(),
            Who = actor with { Requester = start.Requester ?? actor.Requester, Approver = start.Approver ?? actor.Approver },
            Action = start.Action,
            Command = start.Command is null ? null : SecretMasker.MaskText(start.Command),
            Parameters = start.Parameters is { Count: > 0 } parameters ? SecretMasker.MaskParameters(parameters, start.SecretParameters) : null,
            Target = start.Target,
            Reason = start.Reason,
            Client = _options.Client,
        };
        await WriteAsync(startEvent, cancellationToken);
        return new AuditedRun(this, runId, startEvent, _options.TimeProvider.GetTimestamp());
    }

    /// <exception cref="AuditUnavailableException">Not stored as the configuration requires.</exception>
    internal async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var attempts = _sinks.Select(sink => TryWriteAsync(sink, auditEvent, cancellationToken)).ToList();
        var failures = (await Task.WhenAll(attempts)).Where(f => f is not null).Select(f => f!).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var stored = _sinks.Count - failures.Count;
        if (stored == 0 || (_options.RequireAllSinks && failures.Count > 0))
        {
            var what = auditEvent.Phase == AuditPhase.Start ? "start" : "end";
            var requirement = stored == 0 ? "no audit sink stored" : "not every audit sink stored (audit.require: all)";
            throw new AuditUnavailableException(
                auditEvent.Phase, auditEvent.RunId, $"{requirement} the {what} event of run {auditEvent.RunId}: {string.Join("; ", failures)}");
        }

        foreach (var failure in failures)
        {
            _options.Warn?.Invoke($"audit: {failure} (run {auditEvent.RunId} was recorded elsewhere)");
        }
    }

    private async Task<string?> TryWriteAsync(IAuditSink sink, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SinkTimeout);
        try
        {
            await sink.WriteAsync(auditEvent, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{sink.Description}: no answer within {_options.SinkTimeout.TotalSeconds:0} s";
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            return $"{sink.Description}: {OneLine(error.Message)}";
        }
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
