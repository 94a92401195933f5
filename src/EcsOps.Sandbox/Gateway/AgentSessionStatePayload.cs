using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOps.Sandbox.Gateway;

/// <summary>
/// Payload of <c>agent_session_state</c>, which the agent sends to the service only (fact sheet §3.4):
/// <c>{"SchemaVersion":1,"SessionState":"Terminating","SessionId":…}</c>.
/// </summary>
public sealed record AgentSessionStatePayload(int SchemaVersion, string SessionState, string SessionId)
{
    /// <summary>The process has exited and the agent has flushed: the service ends the session.</summary>
    public const string Terminating = "Terminating";

    public const string Connected = "Connected";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, GatewayJsonContext.Default.AgentSessionStatePayload);

    /// <summary>Parses the payload; null when it is not this JSON.</summary>
    public static AgentSessionStatePayload? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, GatewayJsonContext.Default.AgentSessionStatePayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(AgentSessionStatePayload))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
