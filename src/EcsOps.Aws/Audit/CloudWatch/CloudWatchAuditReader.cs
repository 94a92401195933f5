using System.Runtime.CompilerServices;
using System.Text.Json;
using EcsOps.Aws.Logs;
using EcsOps.Aws.Logs.Model;

namespace EcsOps.Aws.Audit.CloudWatch;

/// <summary>Reads audit events back from the CloudWatch Logs group (all streams, in time order) for <c>audit tail</c>.</summary>
public sealed class CloudWatchAuditReader(LogsClient client, string logGroup)
{
    /// <summary>Events at or after <paramref name="since"/> (all when null). Messages that are not audit events are skipped.</summary>
    /// <param name="seen">Log event ids already returned (filled in); lets a follower ask again from the same time.</param>
    public async IAsyncEnumerable<AuditEvent> ReadAsync(
        DateTimeOffset? since, ISet<string>? seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new FilterLogEventsRequest
        {
            LogGroupName = logGroup,
            StartTime = since?.ToUnixTimeMilliseconds(),
            Interleaved = true,
        };
        var events = new List<(long Timestamp, AuditEvent Event)>();
        await foreach (var logEvent in client.FilterAllLogEventsAsync(request, cancellationToken))
        {
            if (logEvent.EventId is { } id && seen is not null && !seen.Add(id))
            {
                continue;
            }

            if (Parse(logEvent.Message) is { } auditEvent)
            {
                events.Add((logEvent.Timestamp, auditEvent));
            }
        }

        // Pages are ordered per stream; the trail reads best in time order.
        foreach (var (_, auditEvent) in events.OrderBy(e => e.Timestamp).ThenBy(e => e.Event.RunId, StringComparer.Ordinal))
        {
            yield return auditEvent;
        }
    }

    /// <summary>
    /// Events at or after <paramref name="since"/>; with <paramref name="follow"/>, then new ones, asking every
    /// <paramref name="pollInterval"/> from a little before the newest event seen (late ingestion), without repeats.
    /// </summary>
    public async IAsyncEnumerable<AuditEvent> ReadAsync(
        DateTimeOffset? since, bool follow, TimeSpan pollInterval, TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var timer = follow ? new PeriodicTimer(pollInterval, timeProvider) : null;
        var from = since;
        while (true)
        {
            await foreach (var auditEvent in ReadAsync(from, seen, cancellationToken))
            {
                var lookBack = auditEvent.Time - TimeSpan.FromMinutes(1);
                from = from is null || lookBack > from ? lookBack : from;
                yield return auditEvent;
            }

            if (timer is null || !await timer.WaitForNextTickAsync(cancellationToken))
            {
                yield break;
            }
        }
    }

    private static AuditEvent? Parse(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(message, AuditJsonContext.Default.AuditEvent) is { RunId: not null } auditEvent ? auditEvent : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
