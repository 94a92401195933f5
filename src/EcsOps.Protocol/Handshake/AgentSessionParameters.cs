using System.Text.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>What the agent offers in its HandshakeRequest.</summary>
/// <param name="SessionType">One of <see cref="Sessions.SessionType"/>'s values.</param>
/// <param name="Properties">The document properties for Port sessions; null (sent as JSON null) otherwise.</param>
/// <param name="KmsKeyId">The KMS key of the session preferences; null for an unencrypted session.</param>
public sealed record AgentSessionParameters(string SessionType, JsonElement? Properties = null, string? KmsKeyId = null);
