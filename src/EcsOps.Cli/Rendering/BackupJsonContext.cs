using System.Text.Json.Serialization;

namespace EcsOps.Cli.Rendering;

/// <summary>Source-generated JSON for <c>ecsops db backups --output json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<BackupRow>))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
