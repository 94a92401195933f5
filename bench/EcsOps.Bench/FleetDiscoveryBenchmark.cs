using System.Text.Json;
using EcsOps.Sandbox;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.World;

namespace EcsOps.Bench;

/// <summary>
/// <c>ecsops ls --output json</c> over a generated fleet (<see cref="FleetWorld"/>) with every sandbox API call delayed
/// by a fixed latency, at the default concurrency and a higher one, against the same discovery one account × region at
/// a time (concurrency 1): the sequential loop a script would run.
/// </summary>
internal static class FleetDiscoveryBenchmark
{
    private static readonly string[] s_regions = ["us-east-1", "eu-west-1"];

    public static async Task RunAsync(BenchmarkReport report, int accounts, TimeSpan latency, CancellationToken cancellationToken)
    {
        var worldFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(worldFile, FleetWorld.Yaml(accounts, s_regions), cancellationToken);
        try
        {
            var options = new SandboxOptions
            {
                WorldFile = worldFile,
                RunContainerProcesses = false,
                Faults = new FaultPlan { ApiLatency = new Dictionary<string, TimeSpan> { [FaultPlan.AnyApi] = latency } },
            };
            await using var sandbox = await BenchSandbox.StartAsync(options, cancellationToken);
            var sequential = await ListAsync(sandbox, accounts, concurrency: 1, cancellationToken);
            var baseline = $"sequential loop {sequential.TotalSeconds:0.0} s";
            foreach (var concurrency in new[] { 8, 32 })
            {
                var elapsed = await ListAsync(sandbox, accounts, concurrency, cancellationToken);
                report.Add($"`ecsops ls -o json`, concurrency {concurrency}{(concurrency == 8 ? " (default)" : "")}", elapsed.TotalSeconds, "s",
                    baseline, elapsed / sequential);
            }

            report.Note($"{accounts} accounts × {s_regions.Length} regions, one cluster with one running task each ({accounts * s_regions.Length} containers, all found "
                + $"every run); every API call delayed {latency.TotalMilliseconds:0} ms by the sandbox's fault injection (ApiLatency \"*\")");
            report.Note("per run: STS AssumeRole for each account but the operator's, then ListClusters, ListTasks and DescribeTasks per account × region; "
                + "the sequential loop is the same ecsops with `defaults.concurrency: 1`; times are wall times of the process, start included; the discovery cache is off");
            report.Note($"ecsops ran as {CliProcess.EcsOpsDescription}");
        }
        finally
        {
            File.Delete(worldFile);
        }
    }

    private static async Task<TimeSpan> ListAsync(BenchSandbox sandbox, int accounts, int concurrency, CancellationToken cancellationToken)
    {
        var config = Path.Combine(sandbox.Home, $"fleet-{concurrency}.yaml");
        await File.WriteAllTextAsync(config, FleetWorld.EcsOpsConfig(accounts, s_regions, concurrency), cancellationToken);
        var run = (await sandbox.RunAsync("ecsops", ["--config", config, "ls", "--output", "json"], cancellationToken)).EnsureSuccess("ecsops ls");
        var found = JsonDocument.Parse(run.StandardOutput).RootElement.GetArrayLength();
        return found == accounts * s_regions.Length
            ? run.Elapsed
            : throw new InvalidOperationException($"ecsops ls found {found} containers, expected {accounts * s_regions.Length}: {run.StandardError}");
    }
}
