using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EcsOps.Sandbox;
using EcsOps.Sandbox.Agent;

namespace EcsOps.Bench;

/// <summary>
/// <c>ecsops forward</c> as a process against the sandbox, forwarding to a host the container reaches (a sink and a
/// source on 127.0.0.1): upload and download with 1 and 10 connections at once, the agent unpaced and paced like AWS
/// (1 ms per message), each against raw loopback TCP measured in the same run.
/// </summary>
internal static partial class ForwardThroughputBenchmark
{
    private const int BufferSize = 64 * 1024;
    private static readonly int[] s_connectionCounts = [1, 10];

    public static async Task RunAsync(BenchmarkReport report, double tcp, long unpacedBytes, long pacedBytes, CancellationToken cancellationToken)
    {
        var baseline = $"raw TCP {tcp:0} MB/s";
        foreach (var (pacing, bytes) in new[] { (TimeSpan.Zero, unpacedBytes), (ContainerAgentOptions.DefaultPacing, pacedBytes) })
        {
            var paced = pacing > TimeSpan.Zero ? "agent paced 1 ms/message like AWS" : "unpaced";
            await using var sandbox = await BenchSandbox.StartAsync(new SandboxOptions { AgentPacing = pacing }, cancellationToken);
            await using var sink = TransferServer.Sink();
            await using var source = TransferServer.Source();
            await using var forward = sandbox.StartEcsOps("forward", "dev-web/web", $"0:127.0.0.1:{sink.Port}", $"0:127.0.0.1:{source.Port}");
            var uploadPort = await ReadForwardedPortAsync(forward, cancellationToken);
            var downloadPort = await ReadForwardedPortAsync(forward, cancellationToken);
            if (pacing == TimeSpan.Zero)
            {
                // Untimed: the JIT tiers of ecsops and of the sandbox settle before anything is measured.
                await MeasureAsync(uploadPort, bytes / 4, 10, UploadAsync, cancellationToken);
                await MeasureAsync(downloadPort, bytes / 4, 10, DownloadAsync, cancellationToken);
            }

            var cpu = new List<string>();
            foreach (var connections in s_connectionCounts)
            {
                var label = $"{connections} connection{(connections > 1 ? "s" : "")}";
                var cpuBefore = CpuTime(forward);
                var upload = await MeasureAsync(uploadPort, bytes, connections, UploadAsync, cancellationToken);
                cpu.Add($"upload {label} {CpuPerMegabyte(forward, cpuBefore, bytes):0.0}");
                report.Add($"upload, {label}, {paced}", upload, "MB/s", baseline, upload / tcp);
                cpuBefore = CpuTime(forward);
                var download = await MeasureAsync(downloadPort, bytes, connections, DownloadAsync, cancellationToken);
                cpu.Add($"download {label} {CpuPerMegabyte(forward, cpuBefore, bytes):0.0}");
                report.Add($"download, {label}, {paced}", download, "MB/s", baseline, download / tcp);
            }

            if (pacing == TimeSpan.Zero)
            {
                // Throughput follows the CPU share the machine's other load leaves; CPU per megabyte does much less.
                report.Note($"{paced}, CPU ms per MB (ecsops + this process: sandbox gateway, agent, the sink/source and the benchmark's own sockets): {string.Join(", ", cpu)}");
            }

            var stopped = await forward.StopAsync(cancellationToken);
            var warmUp = pacing == TimeSpan.Zero ? $", after an untimed warm-up of {bytes >> 22} MiB each way over 10 connections" : "";
            report.Note($"{paced}: {bytes >> 20} MiB per measurement, shared evenly by the connections{warmUp}; ecsops exited {stopped.ExitCode} on SIGTERM");
        }

        report.Note("one `ecsops forward dev-web/web 0:127.0.0.1:SINK 0:127.0.0.1:SOURCE` per pacing mode: one multiplexed Port session per forward; "
            + $"ecsops ran as {CliProcess.EcsOpsDescription}");
        report.Note("pacing holds back what the agent sends (the download); an upload is paced only by its acknowledgements");
    }

    private static TimeSpan CpuTime(CliProcess forward) => forward.ProcessorTime + Process.GetCurrentProcess().TotalProcessorTime;

    private static double CpuPerMegabyte(CliProcess forward, TimeSpan before, long bytes) =>
        (CpuTime(forward) - before).TotalMilliseconds / (bytes / 1e6);

    private static async Task<int> ReadForwardedPortAsync(CliProcess forward, CancellationToken cancellationToken)
    {
        var line = await forward.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("ecsops forward exited: " + (await forward.StopAsync(cancellationToken)).StandardError);
        var match = ForwardingLine().Match(line);
        return match.Success ? int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"unexpected line from ecsops forward: {line}");
    }

    /// <returns>Megabytes per second for <paramref name="totalBytes"/> over <paramref name="connections"/> connections at once.</returns>
    private static async Task<double> MeasureAsync(
        int port, long totalBytes, int connections, Func<NetworkStream, long, CancellationToken, Task> transfer, CancellationToken cancellationToken)
    {
        var share = totalBytes / connections;
        var clients = new List<TcpClient>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var client = new TcpClient { NoDelay = true };
                clients.Add(client);
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            }

            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(c => transfer(c.GetStream(), share, cancellationToken)));
            return share * connections / stopwatch.Elapsed.TotalSeconds / 1e6;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    // Sends the bytes, then waits for the sink to close: only then has everything arrived.
    private static async Task UploadAsync(NetworkStream stream, long bytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        Random.Shared.NextBytes(buffer);
        for (var sent = 0L; sent < bytes; sent += buffer.Length)
        {
            await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes - sent)), cancellationToken);
        }

        stream.Socket.Shutdown(SocketShutdown.Send);
        if (await stream.ReadAsync(buffer, cancellationToken) != 0)
        {
            throw new InvalidOperationException("the sink answered");
        }
    }

    private static async Task DownloadAsync(NetworkStream stream, long bytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        BinaryPrimitives.WriteInt64BigEndian(buffer, bytes);
        await stream.WriteAsync(buffer.AsMemory(0, 8), cancellationToken);
        var received = 0L;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received += read;
        }

        if (received != bytes)
        {
            throw new InvalidOperationException($"downloaded {received} of {bytes} bytes");
        }
    }

    [GeneratedRegex(@"^forwarding 127\.0\.0\.1:(?<port>\d+) -> ")]
    private static partial Regex ForwardingLine();
}
