using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Encryption;

/// <summary>
/// Which stream-data payloads travel encrypted once KMS is on (fact sheet §5.4): the agent seals Output,
/// StdErr and ExitCode; the client seals Output only. Size, Flag and the handshake stay plaintext.
/// </summary>
public static class PayloadEncryptionRule
{
    public static bool IsEncrypted(DataChannelRole sender, PayloadType payloadType) => sender switch
    {
        DataChannelRole.Agent => payloadType is PayloadType.Output or PayloadType.StdErr or PayloadType.ExitCode,
        _ => payloadType is PayloadType.Output,
    };

    /// <summary>The role at the other end of the channel.</summary>
    internal static DataChannelRole Peer(DataChannelRole role) =>
        role == DataChannelRole.Agent ? DataChannelRole.Client : DataChannelRole.Agent;
}
