using System.Security.Cryptography;
using EcsOps.Protocol.Channels;

namespace EcsOps.Protocol.Encryption;

/// <summary>
/// AES-256-GCM for KMS-encrypted sessions (fact sheet §5.4). The 64 plaintext bytes of the KMS data key
/// hold two keys: bytes 0–31 encrypt agent→client, bytes 32–63 encrypt client→agent. A sealed payload is
/// <c>nonce(12) | ciphertext | tag(16)</c> with no associated data.
/// </summary>
/// <remarks>Safe to use from several tasks at once: each direction's AES state is locked per call.</remarks>
public sealed class SessionCipher : IDisposable
{
    /// <summary>Length of the KMS data key the session is built from.</summary>
    public const int DataKeyLength = 64;

    public const int KeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;

    /// <summary>Bytes a sealed payload is longer than its plaintext.</summary>
    public const int Overhead = NonceLength + TagLength;

    private const int AgentToClientKeyOffset = 0;
    private const int ClientToAgentKeyOffset = KeyLength;

    private readonly AesGcm _outgoing;
    private readonly AesGcm _incoming;

    private SessionCipher(DataChannelRole localRole, AesGcm outgoing, AesGcm incoming)
    {
        LocalRole = localRole;
        _outgoing = outgoing;
        _incoming = incoming;
    }

    /// <summary>Which end this cipher encrypts for: it encrypts what this end sends, decrypts what it receives.</summary>
    public DataChannelRole LocalRole { get; }

    /// <summary>Builds the cipher of <paramref name="localRole"/> from the 64 plaintext bytes of the KMS data key.</summary>
    /// <exception cref="ProtocolException">The data key is not 64 bytes long.</exception>
    public static SessionCipher FromDataKey(ReadOnlySpan<byte> dataKey, DataChannelRole localRole)
    {
        if (dataKey.Length != DataKeyLength)
        {
            throw new ProtocolException(
                ProtocolError.HandshakeFailed, $"KMS data key is {dataKey.Length} bytes; expected {DataKeyLength}");
        }

        var agentToClient = new AesGcm(dataKey.Slice(AgentToClientKeyOffset, KeyLength), TagLength);
        var clientToAgent = new AesGcm(dataKey.Slice(ClientToAgentKeyOffset, KeyLength), TagLength);
        return localRole == DataChannelRole.Agent
            ? new SessionCipher(localRole, outgoing: agentToClient, incoming: clientToAgent)
            : new SessionCipher(localRole, outgoing: clientToAgent, incoming: agentToClient);
    }

    /// <summary>Seals <paramref name="plaintext"/> with this end's sending key and a fresh random nonce.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var sealedPayload = new byte[plaintext.Length + Overhead];
        var nonce = sealedPayload.AsSpan(0, NonceLength);
        var ciphertext = sealedPayload.AsSpan(NonceLength, plaintext.Length);
        var tag = sealedPayload.AsSpan(NonceLength + plaintext.Length, TagLength);
        RandomNumberGenerator.Fill(nonce);
        lock (_outgoing)
        {
            _outgoing.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        return sealedPayload;
    }

    /// <summary>Opens a payload the peer sealed with its sending key.</summary>
    /// <exception cref="ProtocolException">Too short, tampered with, or sealed with another key.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> sealedPayload)
    {
        if (sealedPayload.Length < Overhead)
        {
            throw new ProtocolException(
                ProtocolError.BadPayload, $"encrypted payload is {sealedPayload.Length} bytes; at least {Overhead} expected");
        }

        var plaintextLength = sealedPayload.Length - Overhead;
        var plaintext = new byte[plaintextLength];
        try
        {
            lock (_incoming)
            {
                _incoming.Decrypt(
                    sealedPayload[..NonceLength],
                    sealedPayload.Slice(NonceLength, plaintextLength),
                    sealedPayload.Slice(NonceLength + plaintextLength, TagLength),
                    plaintext);
            }
        }
        catch (CryptographicException ex)
        {
            throw new ProtocolException(
                ProtocolError.BadPayload, "encrypted payload failed authentication (wrong key or tampered)", ex);
        }

        return plaintext;
    }

    public void Dispose()
    {
        _outgoing.Dispose();
        _incoming.Dispose();
    }
}
