namespace EcsOps.Aws.Logs.Model;

/// <summary>CloudWatch Logs <c>CreateLogGroup</c> input (no output members).</summary>
public sealed record CreateLogGroupRequest
{
    public required string LogGroupName { get; init; }
    public string? KmsKeyId { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary><c>STANDARD</c>, <c>INFREQUENT_ACCESS</c> or <c>DELIVERY</c>.</summary>
    public string? LogGroupClass { get; init; }
}

/// <summary>CloudWatch Logs <c>CreateLogStream</c> input (no output members).</summary>
public sealed record CreateLogStreamRequest
{
    public required string LogGroupName { get; init; }
    public required string LogStreamName { get; init; }
}

/// <summary>The empty JSON object several Logs operations return.</summary>
public sealed record EmptyResponse;
