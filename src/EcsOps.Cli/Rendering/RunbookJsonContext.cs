using System.Text.Json.Serialization;

namespace EcsOps.Cli.Rendering;

/// <summary>Source-generated JSON for <c>ecsops runbooks --output json</c> and <c>ecsops run --dry-run --output json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<RunbookRow>))]
[JsonSerializable(typeof(RunPlanRow))]
internal sealed partial class RunbookJsonContext : JsonSerializerContext;
