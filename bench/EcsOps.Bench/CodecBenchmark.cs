using System.Diagnostics;
using EcsOps.Protocol.Framing;

namespace EcsOps.Bench;

/// <summary>
/// Encode and decode rate of 1024-byte stream messages (SHA-256 digest included), against copying the
/// same bytes with no framing as the baseline.
/// </summary>
internal static class CodecBenchmark
{
    public static void Run(BenchmarkReport report, TimeSpan duration)
    {
        var payload = new byte[ClientMessageCodec.StreamPayloadSize];
        Random.Shared.NextBytes(payload);
        var frame = new byte[ClientMessageCodec.GetEncodedLength(payload.Length)];
        var header = new ClientMessageHeader(
            MessageType.InputStreamData, 0, 0, Guid.NewGuid(), PayloadType.Output, 1700000000000);

        var digest = new byte[32];
        double copyRate = 0, hashRate = 0, encodeRate = 0, decodeRate = 0;

        // Interleaved rounds, best of each: a clock-speed or scheduling blip then hits every measurement alike.
        for (var round = 0; round < 3; round++)
        {
            copyRate = Math.Max(copyRate, Measure(duration / 3, () => payload.CopyTo(frame, ClientMessageCodec.FrameOverhead)));
            hashRate = Math.Max(hashRate, Measure(duration / 3, () => System.Security.Cryptography.SHA256.HashData(payload, digest)));
            encodeRate = Math.Max(encodeRate, Measure(duration / 3, () => ClientMessageCodec.Encode(header, payload, frame)));
            decodeRate = Math.Max(decodeRate, Measure(duration / 3, () => ClientMessageCodec.Decode(frame)));
        }

        var copyMb = copyRate * payload.Length / 1e6;
        report.Add("encode 1024-byte messages", encodeRate * payload.Length / 1e6, "MB/s", $"memcpy {copyMb:0} MB/s", encodeRate / copyRate);
        report.Add("decode 1024-byte messages (digest checked)", decodeRate * payload.Length / 1e6, "MB/s", $"memcpy {copyMb:0} MB/s", decodeRate / copyRate);
        var hashMb = hashRate * payload.Length / 1e6;
        report.Add("encode 1024-byte messages", encodeRate * payload.Length / 1e6, "MB/s", $"SHA-256 alone {hashMb:0} MB/s", encodeRate / hashRate);
        report.Add("decode 1024-byte messages (digest checked)", decodeRate * payload.Length / 1e6, "MB/s", $"SHA-256 alone {hashMb:0} MB/s", decodeRate / hashRate);
        report.Note($"encode: {encodeRate / 1e3:0} k messages/s; decode: {decodeRate / 1e3:0} k messages/s. The payload digest dominates: framing costs what hashing the payload costs.");
    }

    /// <returns>Operations per second.</returns>
    private static double Measure(TimeSpan duration, Action operation)
    {
        for (var i = 0; i < 10_000; i++)
        {
            operation();
        }

        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        while (stopwatch.Elapsed < duration)
        {
            for (var i = 0; i < 1000; i++)
            {
                operation();
            }

            count += 1000;
        }

        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
