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
    case "cli":
        // Optionally only some parts: forward, exec-output, exec-time, discovery.
        var parts = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        bool Runs(string part) => parts.Count == 0 || parts.Contains(part);
        var cliCommand = (CliProcess.AotBinary is null ? "" : $"scripts/publish-aot.sh && {CliProcess.BinaryVariable}={Environment.GetEnvironmentVariable(CliProcess.BinaryVariable)} ")
            + "dotnet run -c Release --project bench/EcsOps.Bench -- cli" + string.Concat(args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(p => " " + p));
        var tcp = await RawTcpBaseline.MeasureAsync(512L << 20, cancel.Token);
        if (Runs("forward"))
        {
            var forward = new BenchmarkReport("CLI: port forwarding (ecsops forward)", cliCommand);
            await ForwardThroughputBenchmark.RunAsync(forward, tcp, unpacedBytes: 64L << 20, pacedBytes: 4L << 20, cancel.Token);
            forward.WriteTo(outPath);
        }

        if (Runs("exec-output"))
        {
            var output = new BenchmarkReport("CLI: exec output", cliCommand);
            await ExecOutputBenchmark.RunAsync(output, tcp, unpacedBytes: 32L << 20, pacedBytes: 4L << 20, framingBytes: 64L << 20, cancel.Token);
            output.WriteTo(outPath);
        }

        if (Runs("exec-time"))
        {
            var latency = new BenchmarkReport("CLI: exec wall time", cliCommand);
            await ExecLatencyBenchmark.RunAsync(latency, rounds: 5, cancel.Token);
            latency.WriteTo(outPath);
        }

        if (Runs("discovery"))
        {
            var fleet = new BenchmarkReport("CLI: discovery across 200 accounts × 2 regions", cliCommand);
            await FleetDiscoveryBenchmark.RunAsync(fleet, accounts: 200, latency: TimeSpan.FromMilliseconds(50), cancel.Token);
            fleet.WriteTo(outPath);
        }

        return 0;
    case "db":
        // Sizes in MiB: [exec-MiB] [paced-MiB]; 1 GiB through the unpaced agent, 64 MiB through the paced one by default.
        var execMiB = args.Length > 1 && long.TryParse(args[1], out var e) ? e : 1024;
        var pacedMiB = args.Length > 2 && long.TryParse(args[2], out var p) ? p : 64;
        using (var dbCancel = new CancellationTokenSource(TimeSpan.FromHours(2)))
        {
            var db = new BenchmarkReport("Database backups (db backup)", $"dotnet run -c Release --project bench/EcsOps.Bench -- db {execMiB} {pacedMiB}");
            await EcsOps.Bench.Db.DbBackupBenchmark.RunAsync(db, execMiB << 20, pacedMiB << 20, dbCancel.Token);
            db.WriteTo(outPath);
        }

        return 0;
    case "tcp":
        Console.WriteLine($"raw loopback TCP: {await RawTcpBaseline.MeasureAsync(512L << 20, cancel.Token):0} MB/s");
        return 0;
    default:
        Console.Error.WriteLine($"error: unknown suite '{suite}'. Suites: protocol, cli, db, tcp");
        return 2;
}
