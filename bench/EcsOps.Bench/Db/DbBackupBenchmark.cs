using System.Diagnostics;
using Amazon.S3;
using EcsOps.Sandbox;
using EcsOps.TestSupport.Postgres;

namespace EcsOps.Bench.Db;

/// <summary>
/// <c>ecsops db backup</c> of a real PostgreSQL 15 database of random (incompressible) bytea rows, by the real ecsops
/// process against the sandbox: through ECS Exec with the agent unpaced and paced like AWS (1 ms per message), and as a
/// one-off task (pg_dump | aws s3 cp in the task, then ecsops reads the object back to verify it), against pg_dump
/// writing the same database to a local file in the same run. Memory is ecsops's peak resident set, against ecsops
/// listing backups in the same run.
/// </summary>
internal static class DbBackupBenchmark
{
    private const string Bucket = "bench-backups";

    public static async Task RunAsync(BenchmarkReport report, long execBytes, long pacedBytes, CancellationToken cancellationToken)
    {
        // Every process of the measurement (pg_dump, PostgreSQL, the sandbox's container, ecsops) shares this machine.
        report.Note($"load average at the start: {(await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Trim()}; the baseline and each "
            + "measurement run one after the other on a shared machine, so a ratio carries the load's changes (a task above 1 is that noise: it runs the same pg_dump)");
        await using var postgres = await PostgresTestServer.StartAsync(cancellationToken);
        await CreateDatabaseAsync(postgres, "big", execBytes, cancellationToken);
        await CreateDatabaseAsync(postgres, "small", pacedBytes, cancellationToken);
        var home = Directory.CreateTempSubdirectory("ecsops-bench-db-").FullName;
        try
        {
            var world = Path.Combine(home, "world.yaml");
            var path = $"{PostgresTestServer.BinDirectory}:/usr/bin:/bin";
            await File.WriteAllTextAsync(world, new PostgresWorld()
                .AddService("big", postgres.Url("big"), path)
                .AddService("small", postgres.Url("small"), path)
                .ToYaml(), cancellationToken);

            var bigLocal = await LocalDumpAsync(postgres, "big", home, cancellationToken);
            var smallLocal = await LocalDumpAsync(postgres, "small", home, cancellationToken);
            report.Note($"databases: big {await SizeAsync(postgres, "big")} bytes ({bigLocal.Bytes} bytes as pg_dump -Fc), "
                + $"small {await SizeAsync(postgres, "small")} bytes ({smallLocal.Bytes} bytes as pg_dump -Fc); rows of 8 KiB random bytea");

            await using (var sandbox = await StartSandboxAsync(world, TimeSpan.Zero, cancellationToken))
            {
                var backup = await BackupAsync(sandbox, home, "big", cancellationToken);
                var listing = (await EcsOpsRun.StartAsync(Environment(sandbox, home), home, ["db", "backups", $"s3://{Bucket}/big"], cancellationToken)).EnsureSucceeded();
                var throughput = bigLocal.Bytes / backup.Elapsed.TotalSeconds / 1e6;
                report.Add("db backup through exec, agent unpaced", throughput, "MB/s", $"local pg_dump -Fc {bigLocal.MegabytesPerSecond:0.0} MB/s", throughput / bigLocal.MegabytesPerSecond);
                report.Add("ecsops peak memory, that backup", backup.PeakBytes / 1e6, "MB", $"ecsops db backups {listing.PeakBytes / 1e6:0} MB", (double)backup.PeakBytes / listing.PeakBytes);
                report.Note($"unpaced: {bigLocal.Bytes / 1e6:0} MB dump in {backup.Elapsed.TotalSeconds:0.0} s wall time (process start, probe, dump, upload, manifest); pg_dump to a local file took {bigLocal.Seconds:0.0} s and peaked at {bigLocal.PeakBytes / 1e6:0} MB");

                var task = await BackupAsync(sandbox, home, "big", cancellationToken, "--as-task");
                var taskThroughput = bigLocal.Bytes / task.Elapsed.TotalSeconds / 1e6;
                report.Add("db backup --as-task (dump, upload, read back to verify)", taskThroughput, "MB/s", $"local pg_dump -Fc {bigLocal.MegabytesPerSecond:0.0} MB/s", taskThroughput / bigLocal.MegabytesPerSecond);
                report.Add("ecsops peak memory, that task backup", task.PeakBytes / 1e6, "MB", $"ecsops db backups {listing.PeakBytes / 1e6:0} MB", (double)task.PeakBytes / listing.PeakBytes);
                report.Note($"task: {task.Elapsed.TotalSeconds:0.0} s wall time; the sandbox's task is a local process with the real AWS CLI uploading to the sandbox's S3, and ecsops polls the task every 0.5-3 s");
            }

            await using (var sandbox = await StartSandboxAsync(world, new SandboxOptions().AgentPacing, cancellationToken))
            {
                var backup = await BackupAsync(sandbox, home, "small", cancellationToken);
                var throughput = smallLocal.Bytes / backup.Elapsed.TotalSeconds / 1e6;
                report.Add("db backup through exec, agent paced like AWS", throughput, "MB/s", $"local pg_dump -Fc {smallLocal.MegabytesPerSecond:0.0} MB/s", throughput / smallLocal.MegabytesPerSecond);
                report.Note($"paced: measured on the small database only ({smallLocal.Bytes / 1e6:0} MB dump in {backup.Elapsed.TotalSeconds:0.0} s); at this rate the big one would take {bigLocal.Bytes / 1e6 / throughput / 60:0} min, which is what --as-task is for");
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Rows of 8 KiB of random bytes, stored uncompressed, until the table holds about <paramref name="bytes"/>.</summary>
    private static async Task CreateDatabaseAsync(PostgresTestServer postgres, string name, long bytes, CancellationToken cancellationToken)
    {
        await postgres.CreateDatabaseAsync(name, cancellationToken);
        var rows = Math.Max(1, bytes / 8192);
        await postgres.ExecuteAsync(name,
            $"""
            create extension pgcrypto;
            create table blobs (id int primary key, data bytea not null);
            alter table blobs alter column data set storage external;
            insert into blobs
            select g, gen_random_bytes(1024) || gen_random_bytes(1024) || gen_random_bytes(1024) || gen_random_bytes(1024)
                   || gen_random_bytes(1024) || gen_random_bytes(1024) || gen_random_bytes(1024) || gen_random_bytes(1024)
            from generate_series(1, {rows}) g;
            """, cancellationToken);
    }

    private static Task<long> SizeAsync(PostgresTestServer postgres, string database) =>
        postgres.ScalarAsync<long>(database, "select pg_database_size(current_database())");

    private sealed record LocalDump(long Bytes, double Seconds, long PeakBytes)
    {
        public double MegabytesPerSecond => Bytes / Seconds / 1e6;
    }

    /// <summary>The baseline: pg_dump -Fc of the same database into a local file.</summary>
    private static async Task<LocalDump> LocalDumpAsync(PostgresTestServer postgres, string database, string directory, CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, database + ".dump");
        var start = new ProcessStartInfo(Path.Combine(PostgresTestServer.BinDirectory, "pg_dump")) { RedirectStandardError = true };
        foreach (var argument in new[] { "--format=custom", "--no-password", "--file", file, "--dbname", postgres.Url(database) })
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start pg_dump");
        await using var memory = new PeakMemorySampler(process.Id);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed: {await errors}");
        }

        var bytes = new FileInfo(file).Length;
        File.Delete(file);
        return new LocalDump(bytes, seconds, memory.PeakBytes);
    }

    private static async Task<EcsOpsRun> BackupAsync(SandboxHost sandbox, string home, string service, CancellationToken cancellationToken, params string[] extra)
    {
        var run = await EcsOpsRun.StartAsync(
            Environment(sandbox, home), home, ["db", "backup", $"data/{service}", "--to", $"s3://{Bucket}/{service}", "--yes", .. extra], cancellationToken);
        return run.EnsureSucceeded();
    }

    private static async Task<SandboxHost> StartSandboxAsync(string world, TimeSpan pacing, CancellationToken cancellationToken)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions { WorldFile = world, AgentPacing = pacing }, cancellationToken);
        var environment = sandbox.EnvironmentFor();
        using var s3 = new AmazonS3Client(
            environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"],
            new AmazonS3Config { ServiceURL = environment["AWS_ENDPOINT_URL"], ForcePathStyle = true, AuthenticationRegion = environment["AWS_REGION"] });
        await s3.PutBucketAsync(Bucket, cancellationToken);
        return sandbox;
    }

    private static Dictionary<string, string> Environment(SandboxHost sandbox, string home) =>
        new(sandbox.IsolatedEnvironmentFor(home)) { ["TMPDIR"] = home };
}
