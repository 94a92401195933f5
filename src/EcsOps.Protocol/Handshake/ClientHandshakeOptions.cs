using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Protocol.Handshake;

/// <summary>Settings of the client's side of the handshake.</summary>
public sealed class ClientHandshakeOptions
{
    /// <summary>The ClientVersion we report; the agent picks port mode and smux keepalive on it.</summary>
    public string ClientVersion { get; init; } = ProtocolVersions.DefaultClientVersion;

    /// <summary>Generates the KMS data key when the agent asks for encryption; without it KMS sessions fail.</summary>
    public IKmsDataKeyGenerator? KmsDataKeyGenerator { get; init; }

    /// <summary>SessionId for the KMS encryption context.</summary>
    public string? SessionId { get; init; }

    /// <summary>The StartSession <c>Target</c>, for the KMS encryption context.</summary>
    public string? TargetId { get; init; }
}
