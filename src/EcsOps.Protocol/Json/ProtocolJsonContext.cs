using System.Text.Json.Serialization;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;

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
[JsonSerializable(typeof(HandshakeRequestPayload))]
[JsonSerializable(typeof(HandshakeResponsePayload))]
[JsonSerializable(typeof(HandshakeCompletePayload))]
[JsonSerializable(typeof(SessionTypeActionParameters))]
[JsonSerializable(typeof(KmsEncryptionActionParameters))]
[JsonSerializable(typeof(KmsEncryptionActionResult))]
[JsonSerializable(typeof(EncryptionChallengeRequestPayload))]
[JsonSerializable(typeof(EncryptionChallengeResponsePayload))]
[JsonSerializable(typeof(TerminalSize))]
[JsonSerializable(typeof(PortSessionProperties))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
