using System.Diagnostics;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;

namespace EcsOps.Bench;

/// <summary>
/// Throughput of a client↔agent DataChannel pair over a real loopback websocket, 1024-byte payloads,
/// each direction alone, against raw loopback TCP measured in the same run.
/// </summary>
internal static class ChannelThroughputBenchmark
{
    public static async Task RunAsync(BenchmarkReport report, long unpacedBytes, long pacedBytes, CancellationToken cancellationToken)
    {
        var tcp = await RawTcpBaseline.MeasureAsync(Math.Max(unpacedBytes, 256L << 20), cancellationToken);
        var baseline = $"raw TCP {tcp:0} MB/s";

        await using (var pair = await WebSocketChannelPair.OpenAsync(DataChannelOptions.Default, cancellationToken))
        {
            // Untimed: the JIT tiers settle before anything is measured.
            await TransferAsync(pair.Client, pair.Agent, unpacedBytes / 8, cancellationToken);
            await TransferAsync(pair.Agent, pair.Client, unpacedBytes / 8, cancellationToken);
            var retransmittedBefore = (Client: pair.Client.Statistics.MessagesRetransmitted, Agent: pair.Agent.Statistics.MessagesRetransmitted);
            var upload = await TransferAsync(pair.Client, pair.Agent, unpacedBytes, cancellationToken);
            report.Add("upload client→agent, unpaced", upload, "MB/s", baseline, upload / tcp);
            var download = await TransferAsync(pair.Agent, pair.Client, unpacedBytes, cancellationToken);
            report.Add("download agent→client, unpaced", download, "MB/s", baseline, download / tcp);
            report.Note($"unpaced: {unpacedBytes >> 20} MiB per direction after an untimed warm-up of {unpacedBytes >> 23} MiB each way; "
                + $"retransmissions while measured: client {pair.Client.Statistics.MessagesRetransmitted - retransmittedBefore.Client}, "
                + $"agent {pair.Agent.Statistics.MessagesRetransmitted - retransmittedBefore.Agent}");
        }

        var paced = DataChannelOptions.Default with { SendPacing = TimeSpan.FromMilliseconds(1) };
        await using (var pair = await WebSocketChannelPair.OpenAsync(paced, cancellationToken))
        {
            var download = await TransferAsync(pair.Agent, pair.Client, pacedBytes, cancellationToken);
            report.Add("download agent→client, agent paced 1 ms/message like AWS", download, "MB/s", baseline, download / tcp);
            report.Note($"paced: {pacedBytes >> 20} MiB; the official plugin reaches about 0.5-0.6 MB/s per direction against the same pacing (fact sheet §7.6)");
        }
    }

    /// <returns>Megabytes per second from the first send until the receiver has every byte.</returns>
    private static async Task<double> TransferAsync(DataChannel sender, DataChannel receiver, long totalBytes, CancellationToken cancellationToken)
    {
        var payload = new byte[ClientMessageCodec.StreamPayloadSize];
        Random.Shared.NextBytes(payload);
        var stopwatch = Stopwatch.StartNew();
        var send = Task.Run(async () =>
        {
            for (long sent = 0; sent < totalBytes; sent += payload.Length)
            {
                await sender.SendAsync(PayloadType.Output, payload, cancellationToken);
            }
        }, cancellationToken);

        long received = 0;
        while (received < totalBytes)
        {
            var data = await receiver.ReceiveAsync(cancellationToken)
                ?? throw new InvalidOperationException("channel ended during the transfer");
            received += data.Payload.Length;
        }

        await send;
        return received / stopwatch.Elapsed.TotalSeconds / 1e6;
    }
}
