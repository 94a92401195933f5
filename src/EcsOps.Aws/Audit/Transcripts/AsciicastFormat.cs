using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>
/// Writes and reads asciicast v2 (newline-delimited JSON: a header object, then <c>[time, code, data]</c> arrays),
/// the format asciinema plays.
/// </summary>
public static class AsciicastFormat
{
    private static readonly JsonWriterOptions s_writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] HeaderLine(AsciicastHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Line(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", AsciicastHeader.Version);
            writer.WriteNumber("width", header.Width);
            writer.WriteNumber("height", header.Height);
            writer.WriteNumber("timestamp", header.Timestamp.ToUnixTimeSeconds());
            writer.WriteStartObject("env");
            foreach (var (name, value) in header.Environment)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            if (header.Title is not null)
            {
                writer.WriteString("title", header.Title);
            }

            writer.WriteEndObject();
        });
    }

    public static byte[] EventLine(AsciicastEvent asciicastEvent)
    {
        ArgumentNullException.ThrowIfNull(asciicastEvent);
        return Line(writer =>
        {
            writer.WriteStartArray();
            writer.WriteRawValue(asciicastEvent.Seconds.ToString("0.000000", CultureInfo.InvariantCulture), skipInputValidation: true);
            writer.WriteStringValue(asciicastEvent.Code);
            writer.WriteStringValue(asciicastEvent.Data);
            writer.WriteEndArray();
        });
    }

    /// <summary>Reads a whole file.</summary>
    /// <exception cref="FormatException">Not asciicast v2.</exception>
    public static (AsciicastHeader Header, IReadOnlyList<AsciicastEvent> Events) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new FormatException("the transcript is empty");
        }

        try
        {
            return (ParseHeader(lines[0]), lines.Skip(1).Select((line, index) => ParseEvent(line, index + 2)).ToList());
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"not an asciicast v2 transcript: {error.Message}", error);
        }
    }

    private static AsciicastHeader ParseHeader(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.GetProperty("version").GetInt32() != AsciicastHeader.Version)
        {
            throw new FormatException("the first line is not an asciicast v2 header");
        }

        var environment = root.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Object
            ? env.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new AsciicastHeader(
            root.GetProperty("width").GetInt32(),
            root.GetProperty("height").GetInt32(),
            DateTimeOffset.FromUnixTimeSeconds(root.TryGetProperty("timestamp", out var timestamp) ? timestamp.GetInt64() : 0),
            environment,
            root.TryGetProperty("title", out var title) ? title.GetString() : null);
    }

    private static AsciicastEvent ParseEvent(string line, int number)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 3)
        {
            throw new FormatException($"line {number} is not an event [time, code, data]");
        }

        return new AsciicastEvent(root[0].GetDouble(), root[1].GetString() ?? "", root[2].GetString() ?? "");
    }

    private static byte[] Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_writer))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>UTF-8 text of bytes that may end inside a character; the rest waits in <paramref name="decoder"/>.</summary>
    internal static string Decode(Decoder decoder, ReadOnlySpan<byte> bytes, bool flush)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush)];
        var count = decoder.GetChars(bytes, chars, flush);
        return new string(chars, 0, count);
    }
}
