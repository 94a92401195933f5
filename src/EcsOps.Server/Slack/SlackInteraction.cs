using System.Text.Json;

namespace EcsOps.Server.Slack;

/// <summary>A click on an approval button, read from the <c>payload</c> form field of a <c>block_actions</c> interaction.</summary>
/// <param name="UserId">Who clicked.</param>
/// <param name="Approve">Approve (true) or Deny (false).</param>
/// <param name="RunId">The button's value.</param>
/// <param name="ResponseUrl">Where to update the message.</param>
public sealed record SlackInteraction(string UserId, bool Approve, string RunId, string? ResponseUrl)
{
    /// <summary>The click, or null with <paramref name="problem"/> set when the payload is not one of our buttons.</summary>
    public static SlackInteraction? Parse(string? payload, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(payload))
        {
            problem = "the request has no payload field";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (Text(root, "type") != "block_actions")
            {
                problem = "only block_actions interactions are handled";
                return null;
            }

            var userId = root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object ? Text(user, "id") : null;
            var action = root.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() == 1
                ? actions[0]
                : default;
            var actionId = action.ValueKind == JsonValueKind.Object ? Text(action, "action_id") : null;
            var runId = action.ValueKind == JsonValueKind.Object ? Text(action, "value") : null;
            if (userId is null || runId is null || actionId is not (SlackActions.Approve or SlackActions.Deny))
            {
                problem = "the payload is not a click on an ecsops approval button";
                return null;
            }

            return new SlackInteraction(userId, actionId == SlackActions.Approve, runId, Text(root, "response_url"));
        }
        catch (JsonException)
        {
            problem = "the payload is not JSON";
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
