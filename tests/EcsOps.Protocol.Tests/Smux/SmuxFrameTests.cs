using System.Buffers;
using EcsOps.Protocol.Smux;
using FsCheck;
using FsCheck.Xunit;

namespace EcsOps.Protocol.Tests.Smux;

public class SmuxFrameTests
{
    [Fact]
    public void Encode_SynForStream3_MatchesPluginBytes()
    {
        // The first frame the official plugin sent for a new connection (fact sheet §7.3).
        var frame = SmuxFrame.Encode(SmuxFrameHeader.Control(SmuxCommand.Syn, 3), []);

        Assert.Equal("0100000003000000", Convert.ToHexStringLower(frame));
    }

    [Fact]
    public void Encode_Push5BytesOnStream3_IsLittleEndian()
    {
        var frame = SmuxFrame.Encode(SmuxFrameHeader.Push(3, 5), "ECHO\n"u8);

        Assert.Equal("0102050003000000" + "4543484f0a", Convert.ToHexStringLower(frame));
    }

    [Fact]
    public void TryReadFrame_HandWrittenLittleEndianBytes_YieldsFields()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString("0102" + "3412" + "78563412" + new string('a', 2 * 0x1234)));

        Assert.True(SmuxFrame.TryReadFrame(ref buffer, out var header, out var payload));

        Assert.Equal(new SmuxFrameHeader(1, SmuxCommand.Psh, 0x1234, 0x12345678), header);
        Assert.Equal(0x1234, payload.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadFrame_EveryPrefix_AsksForMoreBytes()
    {
        var frame = SmuxFrame.Encode(SmuxFrameHeader.Push(7, 5), "hello"u8);
        for (var length = 0; length < frame.Length; length++)
        {
            var prefix = new ReadOnlySequence<byte>(frame, 0, length);

            Assert.False(SmuxFrame.TryReadFrame(ref prefix, out _, out _));
            Assert.Equal(length, prefix.Length);
        }
    }

    [Theory]
    [InlineData("0000000003000000")] // version 0
    [InlineData("0200000003000000")] // version 2: never negotiated
    [InlineData("0104000003000000")] // UPD is v2 only
    [InlineData("01ff000003000000")] // unknown command
    [InlineData("0100010003000000")] // SYN with a payload
    [InlineData("0101010003000000")] // FIN with a payload
    [InlineData("0103010000000000")] // NOP with a payload
    public void TryReadHeader_InvalidHeader_ThrowsBadSmuxFrame(string hex)
    {
        var ex = Assert.Throws<ProtocolException>(() => SmuxFrame.TryReadHeader(Convert.FromHexString(hex), out _));

        Assert.Equal(ProtocolError.BadSmuxFrame, ex.Error);
    }

    [Fact]
    public void TryReadFrame_BadHeaderBeforePayloadArrived_ThrowsAtOnce()
    {
        var headerOnly = new ReadOnlySequence<byte>(Convert.FromHexString("09020080" + "03000000"));

        Assert.Throws<ProtocolException>(() => SmuxFrame.TryReadFrame(ref headerOnly, out _, out _));
    }

    [Property]
    public void EncodeThenDecode_AnyFrame_RoundTrips(byte commandSeed, uint streamId, byte[] data)
    {
        var command = (SmuxCommand)(commandSeed % 4);
        var payload = command == SmuxCommand.Psh ? data : [];
        var header = new SmuxFrameHeader(SmuxFrame.Version1, command, (ushort)payload.Length, streamId);
        var buffer = new ReadOnlySequence<byte>(SmuxFrame.Encode(header, payload));

        Assert.True(SmuxFrame.TryReadFrame(ref buffer, out var decoded, out var decodedPayload));

        Assert.Equal(header, decoded);
        Assert.Equal(payload, decodedPayload.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Property]
    public void TryReadFrame_FramesCutAnywhere_DecodeToTheSameFrames(byte[][] payloads, int[] cuts)
    {
        var frames = payloads.Select((p, i) => (Header: SmuxFrameHeader.Push((uint)(2 * i + 3), p.Length), Payload: p)).ToList();
        var bytes = frames.SelectMany(f => SmuxFrame.Encode(f.Header, f.Payload)).ToArray();
        var buffer = SegmentedSequence.Create(bytes, cuts.Select(c => bytes.Length == 0 ? 0 : Math.Abs(c % bytes.Length)));

        var decoded = new List<(SmuxFrameHeader, byte[])>();
        while (SmuxFrame.TryReadFrame(ref buffer, out var header, out var payload))
        {
            decoded.Add((header, payload.ToArray()));
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(frames.Count, decoded.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Header, decoded[i].Item1);
            Assert.Equal(frames[i].Payload, decoded[i].Item2);
        }
    }

    [Property(MaxTest = 500)]
    public void TryReadFrame_RandomBytes_DecodesOrThrowsProtocolExceptionOnly(byte[] bytes, int[] cuts)
    {
        var buffer = SegmentedSequence.Create(bytes, cuts.Select(c => bytes.Length == 0 ? 0 : Math.Abs(c % bytes.Length)));
        try
        {
            while (SmuxFrame.TryReadFrame(ref buffer, out _, out var payload))
            {
                Assert.True(payload.Length <= SmuxFrame.MaxPayloadLength);
            }
        }
        catch (ProtocolException e)
        {
            Assert.Equal(ProtocolError.BadSmuxFrame, e.Error);
        }
    }

    [Property(MaxTest = 300)]
    public void TryReadFrame_MostlyValidBytes_DecodesOrThrowsProtocolExceptionOnly(byte[] payload, byte version, byte command, NonNegativeInt truncateAt)
    {
        // Random bytes rarely start with a valid header; these mostly do, with a lying length.
        var header = new byte[SmuxFrame.HeaderLength];
        header[0] = (byte)(version % 3);
        header[1] = (byte)(command % 6);
        BitConverter.TryWriteBytes(header.AsSpan(2), (ushort)(payload.Length * 7));
        var bytes = header.Concat(payload).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes, 0, Math.Min(bytes.Length, truncateAt.Get));
        try
        {
            while (SmuxFrame.TryReadFrame(ref buffer, out _, out _))
            {
            }
        }
        catch (ProtocolException e)
        {
            Assert.Equal(ProtocolError.BadSmuxFrame, e.Error);
        }
    }
}
