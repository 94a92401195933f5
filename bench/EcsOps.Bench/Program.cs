using EcsOps.Bench;

// Usage: dotnet run -c Release --project bench/EcsOps.Bench -- <suite> [--out docs/benchmarks.md]
// The cli suite runs the real ecsops (dotnet ecsops.dll, or ECSOPS_BENCH_BINARY) and /usr/bin/aws against the sandbox.
var suite = args.FirstOrDefault() ?? "protocol";
var outIndex = Array.IndexOf(args, "--out");
var outPath = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "docs/benchmarks.md";
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));

switch (suite)
{
    case "protocol":
        var codec = new BenchmarkReport("Protocol: codec", "dotnet run -c Release --project bench/EcsOps.Bench -- protocol");
        CodecBenchmark.Run(codec, TimeSpan.FromSeconds(2));
        codec.WriteTo(outPath);
        var channel = new BenchmarkReport("Protocol: data channel over a loopback websocket", "dotnet run -c Release --project bench/EcsOps.Bench -- protocol");
        await ChannelThroughputBenchmark.RunAsync(channel, unpacedBytes: 256L << 20, pacedBytes: 8L << 20, cancel.Token);
        channel.WriteTo(outPath);
        return 0;
        }

        return 0;
    case "tcp":
        Console.WriteLine($"raw loopback TCP: {await RawTcpBaseline.MeasureAsync(512L << 20, cancel.Token):0} MB/s");
        return 0;
    default:
        Console.Error.WriteLine($"error: unknown suite '{suite}'. Suites: protocol, cli, db, tcp");
        return 2;
}
