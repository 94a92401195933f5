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

/// <summary>Source-generated JSON for the SSM session operations (AWS JSON 1.1, target prefix <c>AmazonSSM</c>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartSessionRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(SessionIdRequest))]
[JsonSerializable(typeof(TerminateSessionResponse))]
internal sealed partial class SsmJsonContext : JsonSerializerContext;
