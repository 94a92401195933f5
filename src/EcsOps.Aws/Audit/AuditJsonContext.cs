using System.Text.Json.Serialization;

namespace EcsOps.Aws.Audit;

/// <summary>
/// Source-generated JSON for audit events: camelCase names, enums as camelCase words (<c>"start"</c>, <c>"ok"</c>),
/// nulls left out, compact (one event per line).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(AuditChainFields))]
public sealed partial class AuditJsonContext : JsonSerializerContext;
