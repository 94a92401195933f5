using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Sends session bytes the way peers expect them: split into messages of at most
/// <see cref="ClientMessageCodec.StreamPayloadSize"/> plaintext bytes, each sealed when the session is
/// encrypted and <see cref="PayloadEncryptionRule"/> says this payload type travels encrypted.
/// </summary>
internal sealed class SessionDataSender
{
    private readonly IStreamDataChannel _channel;
    private readonly SessionCipher? _cipher;

    public SessionDataSender(IStreamDataChannel channel, SessionCipher? cipher)
    {
        _channel = channel;
        _cipher = cipher;
    }

    /// <summary>Sends <paramref name="data"/> as one or more messages; nothing for empty data (peers never send empty payloads).</summary>
    public async ValueTask SendAsync(PayloadType payloadType, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var seal = _cipher is not null && PayloadEncryptionRule.IsEncrypted(_channel.Role, payloadType);
        for (var offset = 0; offset < data.Length; offset += ClientMessageCodec.StreamPayloadSize)
        {
            var chunk = data.Slice(offset, Math.Min(ClientMessageCodec.StreamPayloadSize, data.Length - offset));

            // Always a fresh array: callers reuse their read buffers, and the channel may hold the payload
            // until it is acknowledged.
            var payload = seal ? _cipher!.Encrypt(chunk.Span) : chunk.ToArray();
            await _channel.SendAsync(payloadType, payload, cancellationToken);
        }
    }

    public ValueTask SendFlagAsync(SessionFlag flag, CancellationToken cancellationToken) =>
        _channel.SendAsync(PayloadType.Flag, SessionFlagPayload.Encode(flag), cancellationToken);
}
