using System.Globalization;
using EcsOps.Aws.Logs.Model;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Logs;

/// <summary>
/// CloudWatch Logs (JSON 1.1, X-Amz-Target <c>Logs_20140328.*</c>): log groups and streams, PutLogEvents,
/// GetLogEvents with forward/backward tokens, FilterLogEvents with term patterns, DescribeLogStreams.
/// </summary>
public static partial class LogsApi
{
    private static readonly TimeSpan s_maxEventAge = TimeSpan.FromDays(14);
    private static readonly TimeSpan s_maxEventLead = TimeSpan.FromHours(2);
    private static readonly TimeSpan s_maxBatchSpan = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var store = routes.ServiceProvider.GetRequiredService<LogStore>();
        var json = LogsJsonContext.Default;
        var operations = new JsonOperationTable(AwsService.Logs, json)
            .Add("CreateLogGroup", json.CreateLogGroupRequest, json.EmptyResponse, (r, aws) => CreateLogGroup(store, aws, r))
            .Add("CreateLogStream", json.CreateLogStreamRequest, json.EmptyResponse, (r, aws) => CreateLogStream(store, aws, r))
            .Add("PutLogEvents", json.PutLogEventsRequest, json.PutLogEventsResponse, (r, aws) => PutLogEvents(store, aws, r))
            .Add("GetLogEvents", json.GetLogEventsRequest, json.GetLogEventsResponse, (r, aws) => GetLogEvents(store, aws, r))
            .Add("FilterLogEvents", json.FilterLogEventsRequest, json.FilterLogEventsResponse, (r, aws) => FilterLogEvents(store, aws, r))
            .Add("DescribeLogStreams", json.DescribeLogStreamsRequest, json.DescribeLogStreamsResponse, (r, aws) => DescribeLogStreams(store, aws, r));
        routes.MapPost("/", operations.Dispatch).WithMetadata(new AwsServiceMetadata(AwsService.Logs)).WithName("logs");
        return routes;
    }

    internal static EmptyResponse CreateLogGroup(LogStore store, AwsRequestContext aws, CreateLogGroupRequest request)
    {
        RequireName(request.LogGroupName, "logGroupName");
        var now = store.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return store.Use(aws.Caller.AccountId, aws.Region, groups =>
        {
            if (groups.ContainsKey(request.LogGroupName))
            {
                throw new AwsErrorException("ResourceAlreadyExistsException", "The specified log group already exists");
            }

            groups[request.LogGroupName] = new LogGroupState(
                request.LogGroupName, $"arn:aws:logs:{aws.Region}:{aws.Caller.AccountId}:log-group:{request.LogGroupName}", now);
            return new EmptyResponse();
        });
    }

    internal static EmptyResponse CreateLogStream(LogStore store, AwsRequestContext aws, CreateLogStreamRequest request)
    {
        RequireName(request.LogGroupName, "logGroupName");
        RequireName(request.LogStreamName, "logStreamName");
        if (request.LogStreamName.Contains(':', StringComparison.Ordinal) || request.LogStreamName.Contains('*', StringComparison.Ordinal))
        {
            throw InvalidParameter("Log stream names cannot contain ':' or '*'.");
        }

        var now = store.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return store.Use(aws.Caller.AccountId, aws.Region, groups =>
        {
            var group = RequireGroup(groups, request.LogGroupName);
            if (group.Streams.ContainsKey(request.LogStreamName))
            {
                throw new AwsErrorException("ResourceAlreadyExistsException", "The specified log stream already exists");
            }

            group.Streams[request.LogStreamName] = new LogStreamState(
                request.LogStreamName, $"{group.ArnPrefix}:log-stream:{request.LogStreamName}", now);
            return new EmptyResponse();
        });
    }

    internal static PutLogEventsResponse PutLogEvents(LogStore store, AwsRequestContext aws, PutLogEventsRequest request)
    {
        RequireName(request.LogGroupName, "logGroupName");
        RequireName(request.LogStreamName, "logStreamName");
        var events = request.LogEvents ?? [];
        if (events.Count is 0 or > 10_000)
        {
            throw InvalidParameter("logEvents must contain between 1 and 10000 events.");
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (string.IsNullOrEmpty(events[i].Message))
            {
                throw InvalidParameter($"Log event {i} has an empty message.");
            }

            if (i > 0 && events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw InvalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }

        if (events[^1].Timestamp - events[0].Timestamp > (long)s_maxBatchSpan.TotalMilliseconds)
        {
            throw InvalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }

        var now = store.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var tooOld = now - (long)s_maxEventAge.TotalMilliseconds;
        var tooNew = now + (long)s_maxEventLead.TotalMilliseconds;
        return store.Use(aws.Caller.AccountId, aws.Region, groups =>
        {
            var stream = RequireStream(RequireGroup(groups, request.LogGroupName), request.LogStreamName);
            int? tooOldEnd = null, tooNewStart = null;
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Timestamp < tooOld)
                {
                    tooOldEnd = i + 1;
                    continue;
                }

                if (events[i].Timestamp > tooNew)
                {
                    tooNewStart ??= i;
                    continue;
                }

                stream.Add(new StoredLogEvent(events[i].Timestamp, events[i].Message, now, stream.NextSequence++));
            }

            stream.LastIngestionTime = now;
            return new PutLogEventsResponse
            {
                NextSequenceToken = stream.NextSequence.ToString("D56", CultureInfo.InvariantCulture),
                RejectedLogEventsInfo = tooOldEnd is null && tooNewStart is null
                    ? null
                    : new RejectedLogEventsInfo { TooOldLogEventEndIndex = tooOldEnd, TooNewLogEventStartIndex = tooNewStart },
            };
        });
    }

    private static AwsErrorException InvalidParameter(string message) => new("InvalidParameterException", message);

    private static void RequireName(string? value, string member)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 512)
        {
            throw InvalidParameter($"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length between 1 and 512");
        }
    }

    private static LogGroupState RequireGroup(SortedDictionary<string, LogGroupState> groups, string? nameOrArn)
    {
        var name = nameOrArn ?? "";
        if (name.StartsWith("arn:", StringComparison.Ordinal))
        {
            var marker = name.IndexOf(":log-group:", StringComparison.Ordinal);
            name = marker < 0 ? name : name[(marker + ":log-group:".Length)..].TrimEnd('*').TrimEnd(':');
        }

        return groups.GetValueOrDefault(name)
            ?? throw new AwsErrorException("ResourceNotFoundException", "The specified log group does not exist.");
    }

    private static LogStreamState RequireStream(LogGroupState group, string name) =>
        group.Streams.GetValueOrDefault(name)
        ?? throw new AwsErrorException("ResourceNotFoundException", "The specified log stream does not exist.");
}
