namespace EcsOps.Aws.Logs.Model;

/// <summary>CloudWatch Logs <c>FilterLogEvents</c> input.</summary>
public sealed record FilterLogEventsRequest
{
    public string? LogGroupName { get; init; }
    public string? LogGroupIdentifier { get; init; }
    public IReadOnlyList<string>? LogStreamNames { get; init; }
    public string? LogStreamNamePrefix { get; init; }
    public long? StartTime { get; init; }
    public long? EndTime { get; init; }

    /// <summary>The filter pattern; the sandbox supports plain terms and quoted phrases.</summary>
    public string? FilterPattern { get; init; }

    public string? NextToken { get; init; }
    public int? Limit { get; init; }
    public bool? Interleaved { get; init; }
    public bool? Unmask { get; init; }
}

/// <summary>CloudWatch Logs <c>FilterLogEvents</c> output.</summary>
public sealed record FilterLogEventsResponse
{
    public IReadOnlyList<FilteredLogEvent> Events { get; init; } = [];
    public IReadOnlyList<SearchedLogStream> SearchedLogStreams { get; init; } = [];
    public string? NextToken { get; init; }
}

/// <summary>CloudWatch Logs <c>FilteredLogEvent</c>.</summary>
public sealed record FilteredLogEvent
{
    public string? LogStreamName { get; init; }
    public long Timestamp { get; init; }
    public string? Message { get; init; }
    public long IngestionTime { get; init; }
    public string? EventId { get; init; }
}

/// <summary>CloudWatch Logs <c>SearchedLogStream</c>.</summary>
public sealed record SearchedLogStream
{
    public string? LogStreamName { get; init; }
    public bool SearchedCompletely { get; init; }
}
