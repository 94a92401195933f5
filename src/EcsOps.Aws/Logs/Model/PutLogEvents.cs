namespace EcsOps.Aws.Logs.Model;

/// <summary>CloudWatch Logs <c>PutLogEvents</c> input: up to 10,000 events, in timestamp order.</summary>
public sealed record PutLogEventsRequest
{
    public required string LogGroupName { get; init; }
    public required string LogStreamName { get; init; }
    public IReadOnlyList<InputLogEvent> LogEvents { get; init; } = [];

    /// <summary>Ignored by the service since 2023; kept for old clients.</summary>
    public string? SequenceToken { get; init; }
}

/// <summary>CloudWatch Logs <c>InputLogEvent</c>.</summary>
public sealed record InputLogEvent
{
    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }

    public required string Message { get; init; }
}

/// <summary>CloudWatch Logs <c>PutLogEvents</c> output.</summary>
public sealed record PutLogEventsResponse
{
    public string? NextSequenceToken { get; init; }
    public RejectedLogEventsInfo? RejectedLogEventsInfo { get; init; }
}

/// <summary>CloudWatch Logs <c>RejectedLogEventsInfo</c>: index ranges of events outside the accepted window.</summary>
public sealed record RejectedLogEventsInfo
{
    public int? TooNewLogEventStartIndex { get; init; }
    public int? TooOldLogEventEndIndex { get; init; }
    public int? ExpiredLogEventEndIndex { get; init; }
}
