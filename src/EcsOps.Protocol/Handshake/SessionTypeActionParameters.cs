using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOps.Protocol.Handshake;

/// <summary>
/// Parameters of the SessionType action: the document's session type and its properties (the Port
/// document's properties; JSON <c>null</c> for shells and commands, which is written out explicitly).
/// </summary>
public sealed record SessionTypeActionParameters(
    string SessionType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement? Properties);
