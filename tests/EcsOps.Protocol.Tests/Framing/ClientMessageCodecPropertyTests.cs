using EcsOps.Fuzz.Fuzzers;
using EcsOps.Protocol.Framing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Protocol.Tests.Framing;

public class ClientMessageCodecPropertyTests
{
    private static readonly string[] s_types =
        [MessageType.InputStreamData, MessageType.OutputStreamData, MessageType.Acknowledge, MessageType.ChannelClosed, "x"];

    private static ClientMessageHeader MakeHeader(int typeIndex, long sequence, ulong flags, Guid id, uint payloadType, ulong created) =>
        new(s_types[Math.Abs(typeIndex % s_types.Length)], sequence, flags, id, (PayloadType)payloadType, created == 0 ? 1 : created);

    [Property(MaxTest = 300)]
    public void EncodeThenDecode_AnyMessage_GivesItBack(int typeIndex, long sequence, ulong flags, Guid id, uint payloadType, ulong created, byte[] payload)
    {
        var header = MakeHeader(typeIndex, sequence, flags, id, payloadType, created);

        var decoded = ClientMessageCodec.Decode(ClientMessageCodec.Encode(header, payload));

        Assert.Equal(header, decoded.Header);
        Assert.Equal(payload, decoded.Payload.ToArray());
    }

    [Property(MaxTest = 200)]
    public void TryDecode_StreamSplitAnywhere_YieldsSameMessages(byte[][] payloads, int seed)
    {
        var frames = payloads.Select((p, i) => ClientMessageCodec.Encode(MakeHeader(i, i, 0, Guid.NewGuid(), 1, 1), p)).ToArray();
        var stream = frames.SelectMany(f => f).ToArray();
        var random = new Random(seed);

        var buffered = new List<byte>();
        var decoded = new List<byte[]>();
        var position = 0;
        while (position < stream.Length)
        {
            var take = Math.Min(random.Next(1, 300), stream.Length - position);
            buffered.AddRange(stream.AsSpan(position, take).ToArray());
            position += take;
            while (ClientMessageCodec.TryDecode(buffered.ToArray(), out var message, out var consumed))
            {
                decoded.Add(message.Payload.ToArray());
                buffered.RemoveRange(0, consumed);
            }
        }

        Assert.Empty(buffered);
        Assert.Equal(payloads.Length, decoded.Count);
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], decoded[i]);
        }
    }

    [Property(MaxTest = 2000)]
    public void Decoder_RandomBytes_OnlyEverRaisesProtocolException(byte[] input) =>
        new ClientMessageDecoderFuzzer().FuzzTarget(input);

    [Property(MaxTest = 2000)]
    public void Decoder_MutatedValidFrame_OnlyEverRaisesProtocolException(int position, byte value, byte[] payload)
    {
        var frame = ClientMessageCodec.Encode(MakeHeader(0, 1, 0, Guid.NewGuid(), 1, 1), payload);
        frame[Math.Abs(position % frame.Length)] = value;

        new ClientMessageDecoderFuzzer().FuzzTarget(frame);
        new ClientMessageDecoderFuzzer().FuzzTarget(frame.AsSpan(0, Math.Abs(position % frame.Length)));
    }
}
