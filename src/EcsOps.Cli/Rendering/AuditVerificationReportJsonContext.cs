using System.Text.Json.Serialization;

namespace EcsOps.Cli.Rendering;

/// <summary>Source-generated JSON for <see cref="AuditVerificationReport"/>: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditVerificationReport))]
public sealed partial class AuditVerificationReportJsonContext : JsonSerializerContext;
