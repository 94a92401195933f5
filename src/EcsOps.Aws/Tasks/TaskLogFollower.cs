using EcsOps.Aws.Http;
using EcsOps.Aws.Logs;
using EcsOps.Aws.Logs.Model;

namespace EcsOps.Aws.Tasks;

/// <summary>Reads a log stream forward from where it left off; a stream not created yet has no events.</summary>
internal sealed class TaskLogFollower(LogsClient logs, string group, string stream, ITaskRunSink sink)
{
    private string? _nextToken;

    /// <summary>Passes on the events that arrived since the last read; returns how many.</summary>
    public async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            GetLogEventsResponse page;
            try
            {
                page = await logs.GetLogEventsAsync(
                    new GetLogEventsRequest { LogGroupName = group, LogStreamName = stream, NextToken = _nextToken, StartFromHead = true },
                    cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                return count;
            }

            foreach (var logEvent in page.Events ?? [])
            {
                await sink.LogEventAsync(logEvent.Message ?? "", DateTimeOffset.FromUnixTimeMilliseconds(logEvent.Timestamp), cancellationToken);
                count++;
            }

            var unchanged = page.NextForwardToken is null || page.NextForwardToken == _nextToken;
            _nextToken = page.NextForwardToken ?? _nextToken;
            if (unchanged || page.Events is not { Count: > 0 })
            {
                return count;
            }
        }
    }

    /// <summary>Reads what is left, then once more after <paramref name="settle"/> for lines still being ingested.</summary>
    public async Task DrainAsync(TimeSpan settle, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (await ReadAsync(cancellationToken) > 0)
        {
        }

        if (settle > TimeSpan.Zero)
        {
            await Task.Delay(settle, timeProvider, cancellationToken);
            while (await ReadAsync(cancellationToken) > 0)
            {
            }
        }
    }
}
