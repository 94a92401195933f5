using System.Text;
using System.Text.Json;

namespace EcsOps.Aws.Iam;

/// <summary>An IAM identity policy (version 2012-10-17), written as the JSON IAM accepts.</summary>
public sealed record IamPolicyDocument(IReadOnlyList<IamStatement> Statements)
{
    public const string Version = "2012-10-17";

    /// <summary>Indented JSON; a single action or resource is written as a string, several as a list.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", Version);
            writer.WriteStartArray("Statement");
            foreach (var statement in Statements)
            {
                writer.WriteStartObject();
                writer.WriteString("Sid", statement.Sid);
                writer.WriteString("Effect", "Allow");
                WriteOneOrMany(writer, "Action", statement.Actions);
                WriteOneOrMany(writer, "Resource", statement.Resources);
                if (statement.Conditions is { Count: > 0 } conditions)
                {
                    writer.WriteStartObject("Condition");
                    foreach (var (op, keys) in conditions)
                    {
                        writer.WriteStartObject(op);
                        foreach (var (key, values) in keys)
                        {
                            WriteOneOrMany(writer, key, values);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOneOrMany(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
