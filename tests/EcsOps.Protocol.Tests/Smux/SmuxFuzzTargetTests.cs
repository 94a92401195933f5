using EcsOps.Fuzz.Fuzzers;
using FsCheck.Xunit;

namespace EcsOps.Protocol.Tests.Smux;

/// <summary>The smux fuzz target, run over random inputs on every test run (AFL runs it for longer).</summary>
public class SmuxFuzzTargetTests
{
    [Property(MaxTest = 2000)]
    public void SmuxFrameFuzzer_RandomBytes_OnlyEverRaisesProtocolException(byte[] input) =>
        new SmuxFrameDecoderFuzzer().FuzzTarget(input);

    [Property(MaxTest = 1000)]
    public void SmuxFrameFuzzer_ValidPrefixThenNoise_OnlyEverRaisesProtocolException(byte command, ushort length, uint streamId, byte[] noise)
    {
        byte[] header = [1, (byte)(command % 4), (byte)length, (byte)(length >> 8), (byte)streamId, (byte)(streamId >> 8), (byte)(streamId >> 16), (byte)(streamId >> 24)];
        new SmuxFrameDecoderFuzzer().FuzzTarget([.. header, .. noise]);
    }
}
