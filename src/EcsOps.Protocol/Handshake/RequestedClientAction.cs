using System.Text.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// One action the agent asks of the client. <see cref="ActionParameters"/> stays raw JSON because its
/// shape depends on <see cref="ActionType"/>.
/// </summary>
public sealed record RequestedClientAction(string ActionType, JsonElement? ActionParameters);
