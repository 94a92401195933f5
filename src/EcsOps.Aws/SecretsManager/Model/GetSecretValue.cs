using System.Text.Json.Serialization;

namespace EcsOps.Aws.SecretsManager.Model;

/// <summary>Secrets Manager <c>GetSecretValue</c> input.</summary>
public sealed record GetSecretValueRequest
{
    /// <summary>Name or ARN (full, or without the six-character suffix).</summary>
    public required string SecretId { get; init; }

    public string? VersionId { get; init; }

    /// <summary>Defaults to <c>AWSCURRENT</c>.</summary>
    public string? VersionStage { get; init; }
}

/// <summary>Secrets Manager <c>GetSecretValue</c> output.</summary>
public sealed record GetSecretValueResponse
{
    [JsonPropertyName("ARN")]
    public string? Arn { get; init; }

    public string? Name { get; init; }
    public string? VersionId { get; init; }
    public byte[]? SecretBinary { get; init; }
    public string? SecretString { get; init; }
    public IReadOnlyList<string>? VersionStages { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
}
