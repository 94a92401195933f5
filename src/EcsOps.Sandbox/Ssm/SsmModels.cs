using System.Text.Json.Serialization;

namespace EcsOps.Sandbox.Ssm;

// SSM's Session Manager operations, PascalCase on the wire. Clients use AWSSDK.SimpleSystemsManagement,
// so these shapes live with the sandbox rather than in EcsOps.Aws.

/// <summary>SSM <c>StartSession</c> input.</summary>
public sealed record StartSessionRequest
{
    public string? Target { get; init; }
    public string? DocumentName { get; init; }
    public string? Reason { get; init; }
    public Dictionary<string, List<string>>? Parameters { get; init; }
}

/// <summary>SSM <c>StartSession</c> and <c>ResumeSession</c> output.</summary>
public sealed record SessionResponse
{
    public string? SessionId { get; init; }
    public string? TokenValue { get; init; }
    public string? StreamUrl { get; init; }
}

/// <summary>SSM <c>ResumeSession</c> and <c>TerminateSession</c> input.</summary>
public sealed record SessionIdRequest
{
    public string? SessionId { get; init; }
}

/// <summary>SSM <c>TerminateSession</c> output.</summary>
public sealed record TerminateSessionResponse
{
    public string? SessionId { get; init; }
}

/// <summary>SSM <c>DescribeSessions</c> input: <c>Active</c> or <c>History</c>, with optional filters.</summary>
public sealed record DescribeSessionsRequest
{
    public string? State { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
    public List<SessionFilter>? Filters { get; init; }
}

/// <summary>SSM <c>SessionFilter</c>: key <c>Target</c>, <c>Owner</c>, <c>Status</c>, <c>SessionId</c>, <c>InvokedAfter</c> or <c>InvokedBefore</c>.</summary>
public sealed record SessionFilter
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }
}

/// <summary>SSM <c>DescribeSessions</c> output.</summary>
public sealed record DescribeSessionsResponse
{
    public List<SessionSummary> Sessions { get; init; } = [];
    public string? NextToken { get; init; }
}

/// <summary>SSM <c>Session</c> as DescribeSessions lists it; dates are epoch seconds.</summary>
public sealed record SessionSummary
{
    public string? SessionId { get; init; }
    public string? Target { get; init; }
    public string? Status { get; init; }
    public double? StartDate { get; init; }
    public double? EndDate { get; init; }
    public string? DocumentName { get; init; }
    public string? Owner { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Source-generated JSON for the SSM session operations (AWS JSON 1.1, target prefix <c>AmazonSSM</c>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartSessionRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(SessionIdRequest))]
[JsonSerializable(typeof(TerminateSessionResponse))]
[JsonSerializable(typeof(DescribeSessionsRequest))]
[JsonSerializable(typeof(DescribeSessionsResponse))]
internal sealed partial class SsmJsonContext : JsonSerializerContext;
