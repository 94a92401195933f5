using System.Text.Json.Serialization;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Json;

/// <summary>
/// Source-generated JSON for every protocol payload. Reads are case-insensitive because ECS answers in
/// camelCase where SSM uses PascalCase (fact sheet §1.2); writes use the exact PascalCase names.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcknowledgeContent))]
[JsonSerializable(typeof(ChannelClosedContent))]
[JsonSerializable(typeof(OpenDataChannelRequest))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
