using System.Globalization;
using EcsOps.Aws.Logs.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Logs;

public static partial class LogsApi
{
    private const int DefaultEventLimit = 10_000;

    /// <summary>
    /// Tokens are <c>f/&lt;index&gt;</c> (read forward from the index) and <c>b/&lt;index&gt;</c> (read backward
    /// before it) into the stream's sorted events. At either end the same token comes back, which is how
    /// clients know to stop.
    /// </summary>
    internal static GetLogEventsResponse GetLogEvents(LogStore store, AwsRequestContext aws, GetLogEventsRequest request)
    {
        RequireName(request.LogStreamName, "logStreamName");
        var limit = request.Limit ?? DefaultEventLimit;
        if (limit is < 1 or > DefaultEventLimit)
        {
            throw InvalidParameter("limit must be between 1 and 10000.");
        }

        return store.Use(aws.Caller.AccountId, aws.Region, groups =>
        {
            var stream = RequireStream(RequireGroup(groups, request.LogGroupIdentifier ?? request.LogGroupName), request.LogStreamName);
            var events = stream.Events;
            bool InWindow(StoredLogEvent e) =>
                (request.StartTime is null || e.Timestamp >= request.StartTime) && (request.EndTime is null || e.Timestamp < request.EndTime);

            var (forward, from) = ParseToken(request.NextToken, request.StartFromHead == true, events.Count);
            var picked = new List<int>();
            if (forward)
            {
                for (var i = from; i < events.Count && picked.Count < limit; i++)
                {
                    if (InWindow(events[i]))
                    {
                        picked.Add(i);
                    }
                }
            }
            else
            {
                for (var i = from - 1; i >= 0 && picked.Count < limit; i--)
                {
                    if (InWindow(events[i]))
                    {
                        picked.Insert(0, i);
                    }
                }
            }

            var nextForward = forward ? (picked.Count > 0 ? picked[^1] + 1 : from) : from;
            var nextBackward = forward ? from : (picked.Count > 0 ? picked[0] : from);
            if (request.NextToken is null && !forward)
            {
                nextForward = events.Count;
            }

            return new GetLogEventsResponse
            {
                Events = picked.Select(i => new OutputLogEvent
                {
                    Timestamp = events[i].Timestamp,
                    Message = events[i].Message,
                    IngestionTime = events[i].IngestionTime,
                }).ToList(),
                NextForwardToken = Token('f', nextForward),
                NextBackwardToken = Token('b', nextBackward),
            };
        });
    }

    internal static FilterLogEventsResponse FilterLogEvents(LogStore store, AwsRequestContext aws, FilterLogEventsRequest request)
    {
        if (request.LogStreamNames is not null && request.LogStreamNamePrefix is not null)
        {
            throw InvalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive.");
        }

        var limit = request.Limit ?? DefaultEventLimit;
        var pattern = FilterPattern.Parse(request.FilterPattern);
        return store.Use(aws.Caller.AccountId, aws.Region, groups =>
        {
            var group = RequireGroup(groups, request.LogGroupIdentifier ?? request.LogGroupName);
            var streams = group.Streams.Values
                .Where(s => request.LogStreamNames is null || request.LogStreamNames.Contains(s.Name))
                .Where(s => request.LogStreamNamePrefix is null || s.Name.StartsWith(request.LogStreamNamePrefix, StringComparison.Ordinal))
                .ToList();
            var matches = streams
                .SelectMany((stream, streamIndex) => stream.Events.Select(e => (Stream: stream, StreamIndex: streamIndex, Event: e)))
                .Where(m => (request.StartTime is null || m.Event.Timestamp >= request.StartTime)
                    && (request.EndTime is null || m.Event.Timestamp < request.EndTime)
                    && pattern.Matches(m.Event.Message))
                .OrderBy(m => m.Event.Timestamp)
                .ThenBy(m => m.Event.IngestionTime)
                .ThenBy(m => m.Event.Sequence)
                .ToList();
            var (page, next) = PageToken.Page(matches, request.NextToken, limit, DefaultEventLimit, DefaultEventLimit, InvalidParameter);
            return new FilterLogEventsResponse
            {
                Events = page.Select(m => new FilteredLogEvent
                {
                    LogStreamName = m.Stream.Name,
                    Timestamp = m.Event.Timestamp,
                    Message = m.Event.Message,
                    IngestionTime = m.Event.IngestionTime,
                    EventId = string.Create(CultureInfo.InvariantCulture, $"{m.StreamIndex:D6}{m.Event.Sequence:D20}"),
                }).ToList(),
                SearchedLogStreams = streams.Select(s => new SearchedLogStream { LogStreamName = s.Name, SearchedCompletely = true }).ToList(),
                NextToken = next,
            };
        });
    }

    internal static DescribeLogStreamsResponse DescribeLogStreams(LogStore store, AwsRequestContext aws, DescribeLogStreamsRequest request)
    {
        var byLastEvent = request.OrderBy == "LastEventTime";
        if (request.OrderBy is not (null or "LogStreamName" or "LastEventTime"))
        {
            throw InvalidParameter("orderBy must be LogStreamName or LastEventTime.");
        }

        if (byLastEvent && request.LogStreamNamePrefix is not null)
        {
            throw InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        return store.Use(aws.Caller.AccountId, aws.Region, groups =>
        {
            var group = RequireGroup(groups, request.LogGroupIdentifier ?? request.LogGroupName);
            IEnumerable<LogStreamState> streams = group.Streams.Values
                .Where(s => request.LogStreamNamePrefix is null || s.Name.StartsWith(request.LogStreamNamePrefix, StringComparison.Ordinal));
            if (byLastEvent)
            {
                streams = streams.OrderBy(s => s.Events.Count > 0 ? s.Events[^1].Timestamp : long.MinValue).ThenBy(s => s.Name, StringComparer.Ordinal);
            }

            if (request.Descending == true)
            {
                streams = streams.Reverse();
            }

            var (page, next) = PageToken.Page(streams.ToList(), request.NextToken, request.Limit, 50, 50, InvalidParameter);
            return new DescribeLogStreamsResponse
            {
                LogStreams = page.Select(s => new LogStream
                {
                    LogStreamName = s.Name,
                    Arn = s.Arn,
                    CreationTime = s.CreationTime,
                    FirstEventTimestamp = s.Events.Count > 0 ? s.Events[0].Timestamp : null,
                    LastEventTimestamp = s.Events.Count > 0 ? s.Events[^1].Timestamp : null,
                    LastIngestionTime = s.LastIngestionTime,
                    UploadSequenceToken = s.NextSequence.ToString("D56", CultureInfo.InvariantCulture),
                    StoredBytes = s.StoredBytes,
                }).ToList(),
                NextToken = next,
            };
        });
    }

    private static string Token(char direction, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{direction}/{index:D20}/s");

    private static (bool Forward, int Index) ParseToken(string? token, bool startFromHead, int count)
    {
        if (token is null)
        {
            return startFromHead ? (true, 0) : (false, count);
        }

        var parts = token.Split('/');
        if (parts.Length != 3 || parts[0] is not ("f" or "b") || parts[2] != "s"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > count)
        {
            throw InvalidParameter("The specified nextToken is invalid.");
        }

        return (parts[0] == "f", index);
    }
}
