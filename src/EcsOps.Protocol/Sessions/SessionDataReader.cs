using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Receives session messages with their payloads opened: decrypted when the session is encrypted and the
/// peer seals that payload type. Replays one message that was read earlier (the shell's first output
/// when the handshake was skipped) before reading the channel.
/// </summary>
internal sealed class SessionDataReader
{
    private readonly IStreamDataChannel _channel;
    private readonly SessionCipher? _cipher;
    private readonly DataChannelRole _peer;
    private StreamData? _pending;

    public SessionDataReader(IStreamDataChannel channel, SessionCipher? cipher, StreamData? pending = null)
    {
        _channel = channel;
        _cipher = cipher;
        _peer = PayloadEncryptionRule.Peer(channel.Role);
        _pending = pending;
    }

    /// <summary>The next message, or null once the channel has ended normally.</summary>
    /// <exception cref="ProtocolException">An encrypted payload failed to decrypt.</exception>
    /// <remarks>When the channel failed, its failure is rethrown here.</remarks>
    public async ValueTask<StreamData?> ReceiveAsync(CancellationToken cancellationToken)
    {
        StreamData? message;
        if (_pending is { } pending)
        {
            _pending = null;
            message = pending;
        }
        else
        {
            message = await _channel.ReceiveAsync(cancellationToken);
        }

        if (message is not { } data)
        {
            if (_channel.Completion.IsFaulted)
            {
                await _channel.Completion;
            }

            return null;
        }

        return _cipher is not null && PayloadEncryptionRule.IsEncrypted(_peer, data.PayloadType)
            ? data with { Payload = _cipher.Decrypt(data.Payload.Span) }
            : data;
    }
}
