using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOps.Protocol.Handshake;

/// <summary>The client's answer to one requested action. Null <c>ActionResult</c> is written, as the plugin does.</summary>
public sealed record ProcessedClientAction(
    string ActionType,
    ActionStatus ActionStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement? ActionResult,
    string Error = "");
