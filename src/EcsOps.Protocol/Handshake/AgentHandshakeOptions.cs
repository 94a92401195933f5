using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Protocol.Handshake;

/// <summary>Settings of the agent's side of the handshake.</summary>
public sealed class AgentHandshakeOptions
{
    /// <summary>How long the real agent waits for the HandshakeResponse and again for the challenge response.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The AgentVersion we report; the client picks port mode and smux keepalive on it.</summary>
    public string AgentVersion { get; init; } = ProtocolVersions.DefaultAgentVersion;

    /// <summary>Deadline for each client answer.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Decrypts the client's data key; required when the session has a KMS key.</summary>
    public IKmsDecryptor? KmsDecryptor { get; init; }

    /// <summary>SessionId for the KMS encryption context.</summary>
    public string? SessionId { get; init; }

    /// <summary>This agent's target id, for the KMS encryption context.</summary>
    public string? TargetId { get; init; }

    /// <summary>
    /// Send nothing and return at once. The real agent skips the handshake for Standard_Stream and
    /// InteractiveCommands without KMS (see <see cref="AgentHandshake.IsRequired"/>); the caller decides.
    /// </summary>
    public bool SkipHandshake { get; init; }

    /// <summary>CustomerMessage of an unencrypted session (encrypted ones always get the KMS notice).</summary>
    public string CustomerMessage { get; init; } = "";
}
