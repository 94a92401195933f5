using System.Buffers.Binary;
using System.Text;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Tests.Framing;

public class ClientMessageCodecTests
{
    private static readonly Guid s_exampleId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    // The worked example of the fact sheet §3.3, byte for byte.
    private const string WorkedExampleHex =
        "00000074696e7075745f73747265616d" +
        "5f646174612020202020202020202020" +
        "20202020000000010000018bcfe56800" +
        "00000000000000050000000000000000" +
        "8899aabbccddeeff0011223344556677" +
        "edf7359c89077b608a6b3e8b19e63bbf" +
        "c7aa724989a05ea371a9966a6e9db7cc" +
        "00000003000000167b22636f6c73223a" +
        "3132302c22726f7773223a34307d";

    private static ClientMessageHeader ExampleHeader() =>
        new(MessageType.InputStreamData, 5, 0, s_exampleId, PayloadType.Size, 1700000000000);

    [Fact]
    public void Encode_WorkedExample_MatchesFactSheetBytes()
    {
        var frame = ClientMessageCodec.Encode(ExampleHeader(), "{\"cols\":120,\"rows\":40}"u8);

        Assert.Equal(WorkedExampleHex, Convert.ToHexStringLower(frame));
    }

    [Fact]
    public void Decode_WorkedExample_YieldsEveryField()
    {
        var message = ClientMessageCodec.Decode(Convert.FromHexString(WorkedExampleHex));

        Assert.Equal(ExampleHeader(), message.Header);
        Assert.Equal("{\"cols\":120,\"rows\":40}", Encoding.ASCII.GetString(message.Payload.Span));
    }

    [Fact]
    public void Decode_HeaderLength112WithNulPadding_ReadsChannelClosed()
    {
        // As reported for service-generated channel_closed: HL 112, no PayloadType, NUL padding.
        var payload = "{\"Output\":\"bye\"}"u8.ToArray();
        var full = ClientMessageCodec.Encode(
            new ClientMessageHeader(MessageType.ChannelClosed, 0, 0, Guid.NewGuid(), PayloadType.None, 1), payload);
        var shortFrame = new byte[full.Length - 4];
        full.AsSpan(0, 112).CopyTo(shortFrame);
        BinaryPrimitives.WriteUInt32BigEndian(shortFrame, 112);
        shortFrame.AsSpan(4 + "channel_closed".Length, 32 - "channel_closed".Length).Clear();
        BinaryPrimitives.WriteUInt32BigEndian(shortFrame.AsSpan(112), (uint)payload.Length);
        payload.CopyTo(shortFrame, 116);

        var message = ClientMessageCodec.Decode(shortFrame);

        Assert.Equal(MessageType.ChannelClosed, message.MessageType);
        Assert.Equal(PayloadType.None, message.PayloadType);
        Assert.Equal(payload, message.Payload.ToArray());
    }

    [Fact]
    public void Decode_WrongDigest_ThrowsDigestMismatch()
    {
        var frame = Convert.FromHexString(WorkedExampleHex);
        frame[^1] ^= 0xff;

        var ex = Assert.Throws<ProtocolException>(() => ClientMessageCodec.Decode(frame));
        Assert.Equal(ProtocolError.DigestMismatch, ex.Error);
    }

    [Fact]
    public void Decode_PublicationWithWrongDigest_IsAccepted()
    {
        var frame = ClientMessageCodec.Encode(
            new ClientMessageHeader(MessageType.PausePublication, 0, 0, Guid.NewGuid(), PayloadType.None, 1), "x"u8);
        frame[80] ^= 0xff;

        Assert.Equal(MessageType.PausePublication, ClientMessageCodec.Decode(frame).MessageType);
    }

    [Fact]
    public void TryDecode_DeclaredPayloadOverLimit_ThrowsBeforeWaitingForIt()
    {
        var header = Convert.FromHexString(WorkedExampleHex)[..120];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(116), 10_000_000);

        var ex = Assert.Throws<ProtocolException>(() => ClientMessageCodec.TryDecode(header, out _, out _));
        Assert.Equal(ProtocolError.Oversized, ex.Error);
    }

    [Fact]
    public void TryDecode_EveryPrefix_AsksForMoreBytes()
    {
        var frame = Convert.FromHexString(WorkedExampleHex);
        for (var length = 0; length < frame.Length; length++)
        {
            Assert.False(ClientMessageCodec.TryDecode(frame.AsMemory(0, length), out _, out _));
        }
    }
}
