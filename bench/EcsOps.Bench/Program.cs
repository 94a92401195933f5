using EcsOps.Bench;

// Usage: dotnet run -c Release --project bench/EcsOps.Bench -- <suite> [--out docs/benchmarks.md]
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
        Console.Error.WriteLine($"error: unknown suite '{suite}'. Suites: protocol, db, tcp");
        return 2;
}
