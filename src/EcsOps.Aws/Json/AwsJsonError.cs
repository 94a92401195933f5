using System.Text.Json.Serialization;

namespace EcsOps.Aws.Json;

/// <summary>
/// The body of an AWS JSON 1.0/1.1 error: <c>{"__type":"ClusterNotFoundException","message":"…"}</c>.
/// Some services spell the message <c>Message</c>; both are read.
/// </summary>
public sealed record AwsJsonError
{
    /// <summary>The error code, possibly prefixed with a namespace and <c>#</c> by some services.</summary>
    [JsonPropertyName("__type")]
    public required string Type { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("Message")]
    public string? MessageUpper { get; init; }

    /// <summary>The code without any <c>namespace#</c> prefix.</summary>
    [JsonIgnore]
    public string Code => Type[(Type.LastIndexOf('#') + 1)..];

    /// <summary>Whichever message spelling was present.</summary>
    [JsonIgnore]
    public string? Text => Message ?? MessageUpper;
}

/// <summary>Source-generated JSON for <see cref="AwsJsonError"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AwsJsonError))]
public sealed partial class AwsJsonErrorContext : JsonSerializerContext;
