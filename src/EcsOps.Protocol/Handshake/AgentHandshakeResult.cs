using EcsOps.Protocol.Encryption;

namespace EcsOps.Protocol.Handshake;

/// <summary>The outcome of <see cref="AgentHandshake.RunAsync"/>.</summary>
/// <param name="ClientVersion">The client's reported version; null when the handshake was skipped.</param>
/// <param name="Cipher">Set when the session is KMS-encrypted; owned by the session.</param>
public sealed record AgentHandshakeResult(string? ClientVersion, SessionCipher? Cipher)
{
    public bool HandshakePerformed => ClientVersion is not null;
}
