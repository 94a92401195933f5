using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Handshake;

/// <summary>Handshake payload (de)serialization; anything malformed fails with <see cref="ProtocolError.HandshakeFailed"/>.</summary>
internal static class HandshakeJson
{
    public static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, string what)
    {
        try
        {
            return ProtocolJson.Deserialize(json, typeInfo, what);
        }
        catch (ProtocolException ex)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, ex.Message, ex);
        }
    }

    /// <summary>Reads a nested action object; JSON null or a missing value is malformed too.</summary>
    public static T Parse<T>(JsonElement? element, JsonTypeInfo<T> typeInfo, string what)
    {
        if (IsNull(element))
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, $"{what} is missing");
        }

        try
        {
            return element!.Value.Deserialize(typeInfo)
                ?? throw new ProtocolException(ProtocolError.HandshakeFailed, $"{what} is null");
        }
        catch (JsonException ex)
        {
            throw new ProtocolException(ProtocolError.HandshakeFailed, $"{what} is malformed: {ex.Message}", ex);
        }
    }

    public static JsonElement ToElement<T>(T value, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.SerializeToElement(value, typeInfo);

    /// <summary>True for an absent value and for an explicit JSON <c>null</c>.</summary>
    public static bool IsNull(JsonElement? element) =>
        element is null || element.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
}
