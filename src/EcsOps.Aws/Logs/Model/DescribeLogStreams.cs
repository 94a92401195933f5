namespace EcsOps.Aws.Logs.Model;

/// <summary>CloudWatch Logs <c>DescribeLogStreams</c> input; pages of at most 50 (the default).</summary>
public sealed record DescribeLogStreamsRequest
{
    public string? LogGroupName { get; init; }
    public string? LogGroupIdentifier { get; init; }
    public string? LogStreamNamePrefix { get; init; }

    /// <summary><c>LogStreamName</c> (the default) or <c>LastEventTime</c>.</summary>
    public string? OrderBy { get; init; }

    public bool? Descending { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
}

/// <summary>CloudWatch Logs <c>DescribeLogStreams</c> output.</summary>
public sealed record DescribeLogStreamsResponse
{
    public IReadOnlyList<LogStream> LogStreams { get; init; } = [];
    public string? NextToken { get; init; }
}

/// <summary>CloudWatch Logs <c>LogStream</c>; times are milliseconds since the Unix epoch.</summary>
public sealed record LogStream
{
    public string? LogStreamName { get; init; }
    public long? CreationTime { get; init; }
    public long? FirstEventTimestamp { get; init; }
    public long? LastEventTimestamp { get; init; }
    public long? LastIngestionTime { get; init; }
    public string? UploadSequenceToken { get; init; }
    public string? Arn { get; init; }
    public long? StoredBytes { get; init; }
}
