using EcsOps.Server.Submissions;

namespace EcsOps.Server.Audit;

/// <summary>
/// Records refusals. A refusal is already the safe outcome, so when its event cannot be written the refusal still
/// stands and the failure goes to the service log.
/// </summary>
public sealed partial class RefusalAudit(IServerAudit audit, TimeProvider time, ILogger<RefusalAudit> log)
{
    public async Task RecordAsync(
        string kind, string channel, string actor, Refusal refusal, string? runbook, string? target, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        try
        {
            await audit.RecordAsync(
                new ServerAuditEvent
                {
                    At = time.GetUtcNow(),
                    Kind = kind,
                    RunId = runId,
                    Channel = channel,
                    Actor = actor,
                    Runbook = runbook,
                    Target = target,
                    Detail = $"{RefusalNames.Name(refusal.Kind)}: {refusal.Message}",
                },
                cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogUnrecorded(log, error, channel, actor, refusal.Message);
        }
    }

    /// <summary>A refused request before anyone is known: bad signature, replay, oversized or malformed body.</summary>
    public Task RecordUnverifiedAsync(string channel, Refusal refusal, CancellationToken cancellationToken) =>
        RecordAsync(ServerAuditKinds.RequestRefused, channel, "unverified", refusal, null, null, null, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not audit a refusal ({Channel}, {Actor}): {Reason}")]
    private static partial void LogUnrecorded(ILogger logger, Exception error, string channel, string actor, string reason);
}
