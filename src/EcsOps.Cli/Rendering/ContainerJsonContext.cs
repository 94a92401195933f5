using System.Text.Json.Serialization;

namespace EcsOps.Cli.Rendering;

/// <summary>Source-generated JSON for <c>ecsops ls --output json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<ContainerRow>))]
internal sealed partial class ContainerJsonContext : JsonSerializerContext;
