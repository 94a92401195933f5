using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using EcsOps.Sandbox.Ecs;
using EcsOps.TestSupport;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// The ecsops.yaml the runbook tests run with (in its own directory, passed with --config, so other tests never see
/// it), written once per sandbox, with the S3 buckets it names for staging and locks.
/// </summary>
public static class RunbookConfig
{
    public const string StagingBucket = "ecsops-test-staging";
    public const string LocksBucket = "ecsops-test-locks";

    /// <summary>
    /// A Python one-liner that prints each of its arguments on a line: <c>ARG &lt;hex of its bytes&gt;</c>, or for arguments
    /// of 4096 bytes and more <c>ARG sha256:&lt;hex&gt;</c> (the log driver splits lines over 16 KiB, as Docker's does).
    /// </summary>
    public const string PrintArgvHex =
        "import sys, hashlib; [print('ARG', b.hex() if len(b) < 4096 else 'sha256:' + hashlib.sha256(b).hexdigest()) "
        + "for b in (a.encode('utf-8', 'surrogateescape') for a in sys.argv[1:])]";

    public static readonly EcsScope Dev = new("111111111111", "us-east-1");

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static readonly ConditionalWeakTable<CliSandboxFixture, string> s_paths = [];

    private const string Main = """
        runbooks:
          staging: s3://ecsops-test-staging/runbooks
          locks: s3://ecsops-test-locks/locks
          include: [more/*.yaml]
          exit-with:
            description: Prints and exits with the given code
            target: dev-web/web
            parameters:
              code: { type: integer, min: 0, max: 255, required: true }
            command: [sh, -c, 'echo "exec says $1"; echo "exec stderr" >&2; exit "$1"', sh, "{{code}}"]
          args:
            description: Prints its arguments as hex
            target: dev-web/web
            parameters:
              v1: { type: string }
              v2: { type: string }
              v3: { type: string }
              v4: { type: string }
              v5: { type: string }
            command: [python3, -c, "PRINT_ARGV_HEX", "{{v1}}", "--v2={{v2}}", "{{v3}}", "{{v4}}x{{v5}}"]
          typed:
            target: dev-web/web
            parameters:
              name: { type: string, pattern: "[a-z][a-z0-9_]*", required: true }
              count: { type: integer, min: 1, max: 10, default: "1" }
              level: { type: enum, values: [low, high], default: low }
              key: { type: s3-key, default: "backups/latest.dump" }
              wait: { type: duration, default: 1s }
            command: [echo, "{{name}}", "{{count}}", "{{level}}", "{{key}}", "{{wait}}"]
          hold:
            description: Holds its lock until released
            target: dev-web/web
            parameters:
              name: { type: string, required: true }
              dir: { type: string, required: true }
            command: [sh, -c, 'touch "$1/started"; while [ ! -e "$1/release" ]; do sleep 0.05; done; echo released', sh, "{{dir}}"]
            lock: "hold:{{name}}"
          marker:
            target: dev-web/web
            parameters:
              file: { type: string, required: true }
            command: [touch, "{{file}}"]
          needs-approval:
            target: dev-web/web
            approval: required
            command: ["true"]
          secret-probe:
            description: Reports its arguments, its stdin and what the processes around it show
            target: dev-web/web
            parameters:
              token: { type: string, secret: true, required: true }
              plain: { type: string }
            command: [python3, -c, PROCESS_PROBE, "--token={{token}}!", "{{token}}", "{{plain}}"]
        """;

    private const string Tasks = """
        task-exit:
          description: Prints and exits with the given code, in a one-off task
          target: dev-web/web
          mode: task
          parameters:
            code: { type: integer, min: 0, max: 255, required: true }
          command: [sh, -c, 'echo "task says $1"; echo "task stderr" >&2; exit "$1"', sh, "{{code}}"]
        task-args:
          target: dev-web/web
          mode: task
          parameters:
            v1: { type: string }
            v2: { type: string }
            v3: { type: string }
          command: [python3, -c, "PRINT_ARGV_HEX", "{{v1}}", "--v2={{v2}}", "{{v3}}"]
        task-follow:
          target: dev-web/web
          mode: task
          timeout: 10m
          parameters:
            dir: { type: string, required: true }
          command: [sh, -c, 'echo first; while [ ! -e "$1/release" ]; do sleep 0.05; done; echo second; exit 7', sh, "{{dir}}"]
        task-marker:
          target: dev-web/web
          mode: task
          parameters:
            file: { type: string, required: true }
          command: [touch, "{{file}}"]
        task-broken:
          target: dev-web/web
          mode: task
          command: [/no/such/program]
        task-secret:
          target: dev-web/web
          mode: task
          parameters:
            token: { type: string, secret: true, required: true }
            plain: { type: string }
          command: [python3, -c, "PRINT_ARGV_HEX", "--token={{token}}", "{{plain}}"]
        """;

    /// <summary>The config path; the files and buckets exist once this returns.</summary>
    public static async Task<string> EnsureAsync(CliSandboxFixture sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        await s_gate.WaitAsync();
        try
        {
            if (s_paths.TryGetValue(sandbox, out var existing))
            {
                return existing;
            }

            var directory = Path.Combine(sandbox.Home, "runbook-tests");
            Directory.CreateDirectory(Path.Combine(directory, "more"));
            var path = Path.Combine(directory, "ecsops.yaml");
            await File.WriteAllTextAsync(
                path,
                Main.Replace("PRINT_ARGV_HEX", PrintArgvHex, StringComparison.Ordinal)
                    .Replace("PROCESS_PROBE", JsonSerializer.Serialize(ProcessProbe.Script), StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(directory, "more", "tasks.yaml"), Tasks.Replace("PRINT_ARGV_HEX", PrintArgvHex, StringComparison.Ordinal));
            using var s3 = S3(sandbox);
            await s3.PutBucketAsync(StagingBucket);
            await s3.PutBucketAsync(LocksBucket);
            s_paths.Add(sandbox, path);
            return path;
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>An S3 client of the dev account on the sandbox.</summary>
    public static AmazonS3Client S3(CliSandboxFixture sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var environment = sandbox.Environment;
        return new AmazonS3Client(
            new BasicAWSCredentials(environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"]),
            new AmazonS3Config { ServiceURL = environment["AWS_ENDPOINT_URL"], ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    /// <summary>The tasks RunTask started for a run (startedBy ecsops:&lt;run id&gt;), in the dev-web cluster.</summary>
    public static IReadOnlyList<Aws.Ecs.Model.EcsTask> TasksOfRun(CliSandboxFixture sandbox, string runId)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return sandbox.Host.Ecs.Read(Dev, region => region.Clusters["dev-web"].Tasks.Values.Where(t => t.StartedBy == "ecsops:" + runId).ToList());
    }

    /// <summary>The run id in a plan printed by <c>ecsops run</c> (its first line, <c>run  &lt;id&gt;</c>).</summary>
    public static string RunIdIn(string planText)
    {
        var line = planText.Split('\n').FirstOrDefault(l => l.StartsWith("run ", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 2)
            ?? throw new InvalidOperationException("no run id in: " + planText);
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    }
}
