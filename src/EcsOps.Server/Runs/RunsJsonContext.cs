using System.Text.Json.Serialization;
using EcsOps.Server.Audit;

namespace EcsOps.Server.Runs;

/// <summary>JSON of the read API: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(IReadOnlyList<RunView>))]
[JsonSerializable(typeof(IReadOnlyList<ServerAuditEvent>))]
internal sealed partial class RunsJsonContext : JsonSerializerContext;
