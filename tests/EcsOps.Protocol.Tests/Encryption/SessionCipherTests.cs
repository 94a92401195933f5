using System.Security.Cryptography;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Tests.Encryption;

public class SessionCipherTests
{
    private static readonly byte[] s_plaintext = "ls -la\r"u8.ToArray();

    private static (SessionCipher Client, SessionCipher Agent) CreatePair(byte[]? dataKey = null)
    {
        dataKey ??= RandomNumberGenerator.GetBytes(SessionCipher.DataKeyLength);
        return (SessionCipher.FromDataKey(dataKey, DataChannelRole.Client), SessionCipher.FromDataKey(dataKey, DataChannelRole.Agent));
    }

    [Fact]
    public void Encrypt_ByClient_AgentDecryptsAndViceVersa()
    {
        var (client, agent) = CreatePair();

        Assert.Equal(s_plaintext, agent.Decrypt(client.Encrypt(s_plaintext)));
        Assert.Equal(s_plaintext, client.Decrypt(agent.Encrypt(s_plaintext)));
    }

    [Fact]
    public void Encrypt_ByAgent_IsNoncePlusGcmCiphertextPlusTagUnderBytes0To31()
    {
        var dataKey = RandomNumberGenerator.GetBytes(SessionCipher.DataKeyLength);
        var (_, agent) = CreatePair(dataKey);

        var sealedPayload = agent.Encrypt(s_plaintext);

        Assert.Equal(s_plaintext.Length + 12 + 16, sealedPayload.Length);
        using var reference = new AesGcm(dataKey.AsSpan(0, 32), 16);
        var opened = new byte[s_plaintext.Length];
        reference.Decrypt(sealedPayload.AsSpan(0, 12), sealedPayload.AsSpan(12, s_plaintext.Length), sealedPayload.AsSpan(12 + s_plaintext.Length), opened);
        Assert.Equal(s_plaintext, opened);
    }

    [Fact]
    public void Encrypt_ByClient_UsesBytes32To63()
    {
        var dataKey = RandomNumberGenerator.GetBytes(SessionCipher.DataKeyLength);
        var (client, _) = CreatePair(dataKey);

        var sealedPayload = client.Encrypt(s_plaintext);

        using var reference = new AesGcm(dataKey.AsSpan(32, 32), 16);
        var opened = new byte[s_plaintext.Length];
        reference.Decrypt(sealedPayload.AsSpan(0, 12), sealedPayload.AsSpan(12, s_plaintext.Length), sealedPayload.AsSpan(12 + s_plaintext.Length), opened);
        Assert.Equal(s_plaintext, opened);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshNonces()
    {
        var (client, _) = CreatePair();

        Assert.NotEqual(client.Encrypt(s_plaintext), client.Encrypt(s_plaintext));
    }

    [Fact]
    public void Decrypt_SealedWithAnotherDataKey_ThrowsProtocolException()
    {
        var (client, _) = CreatePair();
        var (_, strangerAgent) = CreatePair();

        Assert.Throws<ProtocolException>(() => client.Decrypt(strangerAgent.Encrypt(s_plaintext)));
    }

    [Fact]
    public void Decrypt_OwnDirection_ThrowsProtocolException()
    {
        // The two directions use different keys: a reflected message does not open.
        var (client, _) = CreatePair();

        Assert.Throws<ProtocolException>(() => client.Decrypt(client.Encrypt(s_plaintext)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void Decrypt_OneBitFlipped_ThrowsProtocolException(int index)
    {
        var (client, agent) = CreatePair();
        var sealedPayload = agent.Encrypt(s_plaintext);
        sealedPayload[index < 0 ? sealedPayload.Length + index : index] ^= 0x01;

        Assert.Throws<ProtocolException>(() => client.Decrypt(sealedPayload));
    }

    [Fact]
    public void Decrypt_ShorterThanNonceAndTag_ThrowsProtocolException()
    {
        var (client, _) = CreatePair();

        Assert.Throws<ProtocolException>(() => client.Decrypt(new byte[SessionCipher.Overhead - 1]));
    }

    [Fact]
    public void FromDataKey_Not64Bytes_ThrowsProtocolException()
    {
        Assert.Throws<ProtocolException>(() => SessionCipher.FromDataKey(new byte[32], DataChannelRole.Client));
    }

    [Theory]
    [InlineData(DataChannelRole.Agent, PayloadType.Output, true)]
    [InlineData(DataChannelRole.Agent, PayloadType.StdErr, true)]
    [InlineData(DataChannelRole.Agent, PayloadType.ExitCode, true)]
    [InlineData(DataChannelRole.Agent, PayloadType.Flag, false)]
    [InlineData(DataChannelRole.Agent, PayloadType.HandshakeComplete, false)]
    [InlineData(DataChannelRole.Client, PayloadType.Output, true)]
    [InlineData(DataChannelRole.Client, PayloadType.Size, false)]
    [InlineData(DataChannelRole.Client, PayloadType.Flag, false)]
    [InlineData(DataChannelRole.Client, PayloadType.EncChallengeResponse, false)]
    public void IsEncrypted_BySenderAndType_FollowsFactSheet(DataChannelRole sender, PayloadType type, bool expected)
    {
        Assert.Equal(expected, PayloadEncryptionRule.IsEncrypted(sender, type));
    }
}
