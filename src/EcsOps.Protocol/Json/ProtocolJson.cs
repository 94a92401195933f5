using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EcsOps.Protocol.Json;

/// <summary>Deserialization of peer-supplied JSON that fails only with <see cref="ProtocolException"/>.</summary>
internal static class ProtocolJson
{
    public static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new ProtocolException(ProtocolError.BadPayload, $"{what} payload is null");
        }
        catch (JsonException ex)
        {
            throw new ProtocolException(ProtocolError.BadPayload, $"{what} payload is not valid JSON: {ex.Message}", ex);
        }
    }
}
