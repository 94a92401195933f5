using System.Text.Json.Serialization;
using EcsOps.Aws.Json;

namespace EcsOps.Aws.SecretsManager.Model;

/// <summary>
/// Source-generated JSON for the Secrets Manager wire models: PascalCase, timestamps as epoch seconds, nulls
/// omitted (AWS JSON 1.1, target prefix <c>secretsmanager</c>).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
public sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
