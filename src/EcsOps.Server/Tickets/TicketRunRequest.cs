using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcsOps.Server.Tickets;

/// <summary>
/// The body of <c>POST /hooks/tickets</c>:
/// <c>{"runbook", "target"?, "parameters"?: {name: "value"}, "ticketId", "requester", "approver"?}</c>. Read strictly:
/// an unknown field (credentials, for one: runs use the service's own role) or a non-string value is an error.
/// </summary>
public sealed partial record TicketRunRequest(
    string Runbook, string? Target, IReadOnlyDictionary<string, string> Parameters, string TicketId, string Requester, string? Approver)
{
    private static readonly string[] s_fields = ["runbook", "target", "parameters", "ticketId", "requester", "approver"];

    /// <summary>The request, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static TicketRunRequest? Parse(byte[] body, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement, out problem);
        }
        catch (JsonException error)
        {
            problem = "the body is not JSON: " + error.Message.Split('.')[0];
            return null;
        }
    }

    private static TicketRunRequest? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the body must be a JSON object";
            return null;
        }

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (!s_fields.Contains(field.Name) || strings.ContainsKey(field.Name))
            {
                problem = strings.ContainsKey(field.Name)
                    ? $"'{field.Name}' is given twice"
                    : $"unknown field '{field.Name}' (expected: {string.Join(", ", s_fields)}); runs use the service's own AWS role, never credentials from a request";
                return null;
            }

            if (field.Name == "parameters")
            {
                if (!ReadParameters(field.Value, parameters, out problem))
                {
                    return null;
                }

                strings[field.Name] = "";
            }
            else if (field.Value.ValueKind == JsonValueKind.String)
            {
                strings[field.Name] = field.Value.GetString()!;
            }
            else if (field.Value.ValueKind != JsonValueKind.Null)
            {
                problem = $"'{field.Name}' must be a string";
                return null;
            }
        }

        foreach (var required in new[] { "runbook", "ticketId", "requester" })
        {
            if (!strings.TryGetValue(required, out var value) || value.Length == 0)
            {
                problem = $"'{required}' is required";
                return null;
            }
        }

        if (!TicketIdPattern().IsMatch(strings["ticketId"]))
        {
            problem = "'ticketId' may hold letters, digits and . _ @ + # : / - only (at most 128)";
            return null;
        }

        foreach (var name in new[] { "requester", "approver" })
        {
            if (strings.TryGetValue(name, out var value) && !UserNamePattern().IsMatch(value))
            {
                problem = $"'{name}' may hold letters, digits and . _ @ + - only (at most 128)";
                return null;
            }
        }

        if (parameters.ContainsKey("target"))
        {
            problem = "give the target as the top-level 'target', not as a parameter";
            return null;
        }

        return new TicketRunRequest(
            strings["runbook"], strings.GetValueOrDefault("target"), parameters, strings["ticketId"], strings["requester"], strings.GetValueOrDefault("approver"));
    }

    private static bool ReadParameters(JsonElement value, Dictionary<string, string> parameters, out string? problem)
    {
        problem = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = "'parameters' must be an object of strings";
            return false;
        }

        foreach (var parameter in value.EnumerateObject())
        {
            if (parameter.Value.ValueKind != JsonValueKind.String)
            {
                problem = $"parameter '{parameter.Name}' must be a string";
                return false;
            }

            if (!parameters.TryAdd(parameter.Name, parameter.Value.GetString()!))
            {
                problem = $"parameter '{parameter.Name}' is given twice";
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@+#:/-]{1,128}$")]
    private static partial Regex TicketIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._@+-]{1,128}$")]
    private static partial Regex UserNamePattern();
}
