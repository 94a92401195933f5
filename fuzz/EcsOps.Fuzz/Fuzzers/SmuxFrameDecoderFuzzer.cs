using System.Buffers;
using EcsOps.Protocol;
using EcsOps.Protocol.Smux;

namespace EcsOps.Fuzz.Fuzzers;

/// <summary>Feeds arbitrary bytes to the smux frame reader: frames, a request for more bytes, or ProtocolException.</summary>
public sealed class SmuxFrameDecoderFuzzer : IFuzzer
{
    public string Name => "smux-frame";

    public void FuzzTarget(ReadOnlySpan<byte> input)
    {
        var buffer = new ReadOnlySequence<byte>(input.ToArray());
        try
        {
            while (SmuxFrame.TryReadFrame(ref buffer, out var header, out var payload))
            {
                if (payload.Length != header.Length)
                {
                    throw new InvalidOperationException("frame payload does not match its header length");
                }
            }
        }
        catch (ProtocolException)
        {
        }
    }
}
