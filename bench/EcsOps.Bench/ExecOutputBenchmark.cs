using System.Diagnostics;
using EcsOps.Sandbox;
using EcsOps.Sandbox.Agent;

namespace EcsOps.Bench;

/// <summary>
/// Output through <c>ecsops exec -- CMD</c>: end to end with the agent unpaced and paced like AWS, against raw loopback
/// TCP; and the cost of encoding output chunk by chunk as it comes (the exec wrapper's <c>dd | base64 | awk</c> loop)
/// against the one long <c>base64 | awk</c> pipeline it replaced, which held output back in blocks.
/// </summary>
internal static class ExecOutputBenchmark
{
    // The framing of stdout before and after the change, as the wrapper runs them (awk writes one line at a time).
    private const string BlockFraming = """base64 | awk '{printf "O%s\n",$0; fflush()}'""";
    private const string ChunkFraming =
        """F='{printf "%s%s\n",t,$0; fflush()} END{exit (NR == 0)}'; while dd bs=65536 count=1 2>/dev/null | base64 | awk -v t=O "$F"; do :; done""";

    public static async Task RunAsync(
        BenchmarkReport report, double tcp, long unpacedBytes, long pacedBytes, long framingBytes, CancellationToken cancellationToken)
    {
        var baseline = $"raw TCP {tcp:0} MB/s";
        foreach (var (pacing, bytes) in new[] { (TimeSpan.Zero, unpacedBytes), (ContainerAgentOptions.DefaultPacing, pacedBytes) })
        {
            await using var sandbox = await BenchSandbox.StartAsync(new SandboxOptions { AgentPacing = pacing }, cancellationToken);
            await using var exec = sandbox.StartEcsOps("exec", "dev-web/web", "--", "head", "-c", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "/dev/urandom");
            var stopwatch = Stopwatch.StartNew();
            var (run, received) = await exec.CountStandardOutputAsync(cancellationToken);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            run.EnsureSuccess("ecsops exec");
            if (received != bytes)
            {
                throw new InvalidOperationException($"ecsops exec delivered {received} of {bytes} bytes");
            }

            var paced = pacing > TimeSpan.Zero ? "agent paced 1 ms/message like AWS" : "unpaced";
            report.Add($"`ecsops exec -- head -c {bytes >> 20}M /dev/urandom`, {paced}", bytes / seconds / 1e6, "MB/s", baseline, bytes / seconds / 1e6 / tcp);
        }

        report.Note($"end to end: process start to exit, the session included; ecsops ran as {CliProcess.EcsOpsDescription}; "
            + "output crosses the PTY base64-encoded (4/3 of the bytes) in 1024-byte messages");

        var file = Path.GetTempFileName();
        try
        {
            await using (var data = File.Create(file))
            {
                var buffer = new byte[1 << 20];
                for (var written = 0L; written < framingBytes; written += buffer.Length)
                {
                    Random.Shared.NextBytes(buffer);
                    await data.WriteAsync(buffer, cancellationToken);
                }
            }

            // Interleaved, best of three each: the machine is shared.
            var (block, chunk) = (double.MaxValue, double.MaxValue);
            for (var round = 0; round < 3; round++)
            {
                block = Math.Min(block, await FramingSecondsAsync(file, BlockFraming, cancellationToken));
                chunk = Math.Min(chunk, await FramingSecondsAsync(file, ChunkFraming, cancellationToken));
            }

            var blockRate = framingBytes / block / 1e6;
            var chunkRate = framingBytes / chunk / 1e6;
            report.Add("stdout framing, chunk by chunk (`dd bs=65536 count=1 | base64 | awk` per read)", chunkRate, "MB/s",
                $"one `base64 | awk` pipeline {blockRate:0} MB/s", chunkRate / blockRate);
            report.Note($"framing alone: {framingBytes >> 20} MiB of random bytes piped (`cat file |`) through /bin/sh (dash), coreutils base64 and mawk into /dev/null, best of 3; "
                + "a chunk is one read of the pipe (at most 64 KiB), so bulk output moves in full chunks and a slow command's line is sent at once "
                + "instead of waiting for base64's and mawk's input blocks to fill");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<double> FramingSecondsAsync(string file, string framing, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"cat '{file}' | {{ {framing}; }} > /dev/null");
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /bin/sh");
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? stopwatch.Elapsed.TotalSeconds : throw new InvalidOperationException($"framing failed: {stderr}");
    }
}
