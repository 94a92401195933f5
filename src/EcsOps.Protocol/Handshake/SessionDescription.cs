using System.Text.Json;
using EcsOps.Protocol.Encryption;

namespace EcsOps.Protocol.Handshake;

/// <summary>What the client learned about the session from the handshake (or from its absence).</summary>
/// <param name="SessionType">One of <see cref="Sessions.SessionType"/>'s values.</param>
/// <param name="Properties">The document properties (Port sessions); null for shells and commands.</param>
/// <param name="AgentVersion">The agent's version, or null when there was no handshake.</param>
/// <param name="CustomerMessage">Text the agent wants shown to the user, or null/empty.</param>
/// <param name="Cipher">Set when the session is KMS-encrypted; owned by the session.</param>
public sealed record SessionDescription(
    string SessionType,
    JsonElement? Properties,
    string? AgentVersion,
    string? CustomerMessage,
    SessionCipher? Cipher)
{
    public bool IsEncrypted => Cipher is not null;

    /// <summary>False for a shell the agent started without a handshake (fact sheet §5.1).</summary>
    public bool HandshakePerformed => AgentVersion is not null;
}
