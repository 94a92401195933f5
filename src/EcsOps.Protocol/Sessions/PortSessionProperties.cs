using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The Port session's document properties as sent in the HandshakeRequest (fact sheet §1.4). Every value is
/// a string; <see cref="Type"/> is absent for stdin/stdout forwarding (AWS-StartSSHSession).
/// </summary>
public sealed record PortSessionProperties(
    [property: JsonPropertyName("portNumber")] string? PortNumber,
    [property: JsonPropertyName("type")] string? Type = null,
    [property: JsonPropertyName("localPortNumber")] string? LocalPortNumber = null,
    [property: JsonPropertyName("host")] string? Host = null)
{
    public JsonElement ToJsonElement() =>
        JsonSerializer.SerializeToElement(this, ProtocolJsonContext.Default.PortSessionProperties);

    /// <exception cref="ProtocolException">The properties are not an object of strings.</exception>
    public static PortSessionProperties Parse(JsonElement properties)
    {
        try
        {
            return properties.Deserialize(ProtocolJsonContext.Default.PortSessionProperties)
                ?? throw new ProtocolException(ProtocolError.BadPayload, "Port session properties are null");
        }
        catch (JsonException ex)
        {
            throw new ProtocolException(ProtocolError.BadPayload, $"Port session properties are malformed: {ex.Message}", ex);
        }
    }
}
