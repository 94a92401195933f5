using System.Text.Json.Serialization;

namespace EcsOps.Cli.Rendering;

/// <summary>Source-generated JSON for <c>ecsops doctor --output json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DoctorReportRow))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;
