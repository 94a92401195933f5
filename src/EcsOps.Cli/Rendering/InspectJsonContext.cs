using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EcsOps.Runbooks.Inspect;

namespace EcsOps.Cli.Rendering;

/// <summary>Source-generated JSON for <c>ecsops inspect --output json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InspectReport))]
internal sealed partial class InspectJsonContext : JsonSerializerContext
{
    private static readonly Lazy<JsonTypeInfo<InspectReport>> s_readable = new(() =>
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = Default,
        };
        return (JsonTypeInfo<InspectReport>)options.GetTypeInfo(typeof(InspectReport));
    });

    /// <summary>The report's type info with &lt;, &gt; and quotes written as themselves (the output is not embedded in HTML).</summary>
    public static JsonTypeInfo<InspectReport> Readable => s_readable.Value;
}
