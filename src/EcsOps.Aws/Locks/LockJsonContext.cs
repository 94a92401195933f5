using System.Text.Json.Serialization;

namespace EcsOps.Aws.Locks;

/// <summary>The JSON of lock objects: camelCase, ISO 8601 times.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LockRecord))]
internal sealed partial class LockJsonContext : JsonSerializerContext;
