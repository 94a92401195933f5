using System.Text.Json;
using EcsOps.Sandbox;

namespace EcsOps.Bench;

/// <summary>
/// Wall time of <c>ecsops exec dev-web/web -- true</c> (the real process, end to end) against what the AWS CLI needs
/// just to find the same container: list-clusters, list-tasks, describe-tasks, one process each, against the same
/// sandbox (agent paced like AWS). Rounds are interleaved; medians are reported.
/// </summary>
internal static class ExecLatencyBenchmark
{
    private const string Aws = "/usr/bin/aws";

    public static async Task RunAsync(BenchmarkReport report, int rounds, CancellationToken cancellationToken)
    {
        await using var sandbox = await BenchSandbox.StartAsync(new SandboxOptions(), cancellationToken);
        string[] cached = ["exec", "dev-web/web", "--", "true"];
        string[] refreshed = ["exec", "--refresh", "dev-web/web", "--", "true"];

        // Warm-up: the discovery cache, the file cache, the AWS CLI's own caches.
        await ExecAsync(sandbox, cached, cancellationToken);
        await AwsDiscoveryChainAsync(sandbox, cancellationToken);

        var (cachedTimes, refreshedTimes, chainTimes, singleCallTimes) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>());
        for (var round = 0; round < rounds; round++)
        {
            cachedTimes.Add(await ExecAsync(sandbox, cached, cancellationToken));
            refreshedTimes.Add(await ExecAsync(sandbox, refreshed, cancellationToken));
            var (chain, first) = await AwsDiscoveryChainAsync(sandbox, cancellationToken);
            chainTimes.Add(chain);
            singleCallTimes.Add(first);
        }

        var baselineMs = Medians.Of(chainTimes).TotalMilliseconds;
        var baseline = $"AWS CLI discovery chain {baselineMs:0} ms";
        void Add(string measurement, List<TimeSpan> times) =>
            report.Add(measurement, Medians.Of(times).TotalMilliseconds, "ms", baseline, Medians.Of(times).TotalMilliseconds / baselineMs);
        Add("`ecsops exec dev-web/web -- true`, discovery cached", cachedTimes);
        Add("`ecsops exec --refresh dev-web/web -- true` (discovery asked afresh)", refreshedTimes);
        Add("one AWS CLI call (`aws ecs list-clusters`)", singleCallTimes);
        report.Note($"medians of {rounds} interleaved rounds after a warm-up run of each; ecsops ran as {CliProcess.EcsOpsDescription}");
        report.Note("ecsops's time is everything: process start, discovery (ListClusters, ListTasks, DescribeTasks), ECS ExecuteCommand, "
            + "the websocket and handshake, running `true` through the exit-status wrapper, and the exit");
        report.Note("the AWS CLI chain is `aws ecs list-clusters`, `list-tasks --cluster dev-web --service-name web` and `describe-tasks` "
            + "(three processes, each fed by the previous answer) and only finds the container: `aws ecs execute-command` needs "
            + "session-manager-plugin, which is not installed here, so the AWS CLI's session part (and its exit status, always 0) is not measured");
    }

    private static async Task<TimeSpan> ExecAsync(BenchSandbox sandbox, string[] arguments, CancellationToken cancellationToken) =>
        (await sandbox.RunAsync("ecsops", arguments, cancellationToken)).EnsureSuccess("ecsops " + string.Join(' ', arguments)).Elapsed;

    /// <returns>The time of the three calls together, and of the first alone.</returns>
    private static async Task<(TimeSpan Chain, TimeSpan FirstCall)> AwsDiscoveryChainAsync(BenchSandbox sandbox, CancellationToken cancellationToken)
    {
        // This AWS CLI (2.9) predates AWS_ENDPOINT_URL, so the sandbox is named on each call.
        string[] common = ["--endpoint-url", sandbox.Host.Endpoint.ToString().TrimEnd('/'), "--output", "json"];
        var clusters = (await sandbox.RunAsync(Aws, ["ecs", "list-clusters", .. common], cancellationToken)).EnsureSuccess("aws ecs list-clusters");
        var cluster = JsonDocument.Parse(clusters.StandardOutput).RootElement.GetProperty("clusterArns").EnumerateArray()
            .Select(a => a.GetString()!).Single(a => a.EndsWith("/dev-web", StringComparison.Ordinal));
        var tasks = (await sandbox.RunAsync(Aws, ["ecs", "list-tasks", "--cluster", cluster, "--service-name", "web", .. common], cancellationToken))
            .EnsureSuccess("aws ecs list-tasks");
        var task = JsonDocument.Parse(tasks.StandardOutput).RootElement.GetProperty("taskArns")[0].GetString()!;
        var described = (await sandbox.RunAsync(Aws, ["ecs", "describe-tasks", "--cluster", cluster, "--tasks", task, .. common], cancellationToken))
            .EnsureSuccess("aws ecs describe-tasks");
        _ = JsonDocument.Parse(described.StandardOutput).RootElement.GetProperty("tasks")[0].GetProperty("containers")[0].GetProperty("runtimeId");
        return (clusters.Elapsed + tasks.Elapsed + described.Elapsed, clusters.Elapsed);
    }
}
