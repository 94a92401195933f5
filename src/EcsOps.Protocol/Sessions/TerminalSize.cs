using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOps.Protocol.Json;

namespace EcsOps.Protocol.Sessions;

/// <summary>Payload of a Size message (PayloadType 3): <c>{"cols":N,"rows":M}</c> with lowercase keys (fact sheet §6.1).</summary>
public sealed record TerminalSize(
    [property: JsonPropertyName("cols")] uint Columns,
    [property: JsonPropertyName("rows")] uint Rows)
{
    /// <summary>What the plugin sends when it cannot read the terminal's size.</summary>
    public static TerminalSize Fallback { get; } = new(300, 100);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJsonContext.Default.TerminalSize);

    /// <exception cref="ProtocolException">Not a size object.</exception>
    public static TerminalSize Parse(ReadOnlySpan<byte> json) =>
        ProtocolJson.Deserialize(json, ProtocolJsonContext.Default.TerminalSize, "Size");
}
