namespace EcsOps.Aws.Logs.Model;

/// <summary>CloudWatch Logs <c>GetLogEvents</c> input.</summary>
public sealed record GetLogEventsRequest
{
    public string? LogGroupName { get; init; }

    /// <summary>Name or ARN of the group; alternative to <see cref="LogGroupName"/>.</summary>
    public string? LogGroupIdentifier { get; init; }

    public required string LogStreamName { get; init; }
    public long? StartTime { get; init; }
    public long? EndTime { get; init; }

    /// <summary>A <c>f/…</c> or <c>b/…</c> token from a previous page.</summary>
    public string? NextToken { get; init; }

    public int? Limit { get; init; }

    /// <summary>False (the default) returns the newest events first page-wise.</summary>
    public bool? StartFromHead { get; init; }

    public bool? Unmask { get; init; }
}

/// <summary>CloudWatch Logs <c>GetLogEvents</c> output. At the end of the stream the forward token repeats.</summary>
public sealed record GetLogEventsResponse
{
    public IReadOnlyList<OutputLogEvent> Events { get; init; } = [];
    public string? NextForwardToken { get; init; }
    public string? NextBackwardToken { get; init; }
}

/// <summary>CloudWatch Logs <c>OutputLogEvent</c>.</summary>
public sealed record OutputLogEvent
{
    public long Timestamp { get; init; }
    public string? Message { get; init; }
    public long IngestionTime { get; init; }
}
