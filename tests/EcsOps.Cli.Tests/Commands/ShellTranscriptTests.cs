using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using EcsOps.Aws.Audit;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>An interactive shell in a real terminal, recorded to the sandbox's S3 and replayed.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class ShellTranscriptTests(CliSandboxFixture sandbox)
{
    [TmuxFact]
    public async Task Shell_TranscriptsConfigured_RecordedAsAsciicastInS3AndReplayed()
    {
        var (s3, bucket) = await NewBucketAsync();
        using var client = s3;
        using var audit = AuditSetup.With($"audit:\n  file: {{file}}\n  transcripts:\n    bucket: {bucket}\n    prefix: sessions/\n");

        await using (var terminal = await TmuxSession.StartAsync(
            $"dotnet {EcsOpsProcess.DllPath} --config {audit.ConfigPath} exec dev-web/web\necho \"EXIT=$?\"", sandbox.Environment, sandbox.Home))
        {
            await terminal.SendKeysAsync("echo recorded-$((6*7))", "Enter");
            await terminal.WaitForOutputAsync("recorded-42");
            await terminal.SendKeysAsync("exit", "Enter");
            await terminal.WaitForOutputAsync("EXIT=0");
        }

        var end = audit.Events()[^1];
        Assert.Equal((AuditActions.Shell, AuditPhase.End, AuditResult.Ok), (end.Action, end.Phase, end.Result!.Value));
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = $"sessions/{end.RunId}/" });
        var keys = listed.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys.Select(k => $"s3://{bucket}/{k}"), end.Transcript!);
        Assert.Equal($"sessions/{end.RunId}/part-00000.cast", keys[0]);
        Assert.True(keys.Count >= 2, string.Join(", ", keys));

        var output = new StringBuilder();
        foreach (var key in keys)
        {
            using var part = await s3.GetObjectAsync(bucket, key);
            using var reader = new StreamReader(part.ResponseStream);
            output.Append(OutputOfAsciicastV2(await reader.ReadToEndAsync()));
        }

        Assert.Contains("recorded-42", output.ToString());

        var replay = await sandbox.RunAsync([.. audit.Config, "audit", "replay", end.RunId, "--speed", "1000"], new Dictionary<string, string>());
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("recorded-42", replay.StandardOutput);
    }

    [Fact]
    public async Task Replay_RunWithoutTranscript_OneErrorLine()
    {
        var (s3, bucket) = await NewBucketAsync();
        using var client = s3;
        using var audit = AuditSetup.With($"audit:\n  transcripts:\n    bucket: {bucket}\n");
        var runId = AuditRunId.New(TimeProvider.System).Value;

        var result = await sandbox.RunAsync([.. audit.Config, "audit", "replay", runId], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: no transcript of run {runId} in s3://{bucket}/ecsops/transcripts/{runId}/ (only interactive shells are recorded)", Assert.Single(result.ErrorLines));
    }

    [TmuxFact]
    public async Task Shell_TranscriptBucketMissing_ShellDoesNotStartAndExits255()
    {
        using var audit = AuditSetup.With("audit:\n  file: {file}\n  transcripts:\n    bucket: no-such-transcripts-bucket\n");

        await using var terminal = await TmuxSession.StartAsync(
            $"dotnet {EcsOpsProcess.DllPath} --config {audit.ConfigPath} exec dev-web/web\necho \"EXIT=$?\"", sandbox.Environment, sandbox.Home);
        await terminal.WaitForOutputAsync("EXIT=255");

        Assert.Contains("NoSuchBucket", terminal.Seen);
        var end = audit.Events()[^1];
        Assert.Equal((AuditResult.Failed, null), (end.Result!.Value, end.Sessions));
    }

    private async Task<(Amazon.S3.AmazonS3Client Client, string Bucket)> NewBucketAsync()
    {
        var bucket = "ecsops-transcripts-" + Guid.NewGuid().ToString("N")[..12];
        var s3 = sandbox.Clients().CreateS3("us-east-1", sandbox.DevCredentials);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return (s3, bucket);
    }

    /// <summary>Checks one part against the asciicast v2 format by hand (not with our reader) and returns its output text.</summary>
    private static string OutputOfAsciicastV2(string part)
    {
        var lines = part.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (var header = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(2, header.RootElement.GetProperty("version").GetInt32());
            Assert.True(header.RootElement.GetProperty("width").GetInt32() > 0);
            Assert.True(header.RootElement.GetProperty("height").GetInt32() > 0);
            Assert.True(header.RootElement.GetProperty("timestamp").GetInt64() > 1_600_000_000);
            Assert.False(string.IsNullOrEmpty(header.RootElement.GetProperty("env").GetProperty("TERM").GetString()));
        }

        var output = new StringBuilder();
        var previous = 0.0;
        foreach (var line in lines.Skip(1))
        {
            using var entry = JsonDocument.Parse(line);
            var items = entry.RootElement.EnumerateArray().ToList();
            Assert.Equal(3, items.Count);
            var time = items[0].GetDouble();
            Assert.True(time >= previous, $"events out of order: {line}");
            previous = time;
            Assert.Contains(items[1].GetString(), new[] { "o", "r" });
            if (items[1].GetString() == "o")
            {
                output.Append(items[2].GetString());
            }
        }

        return output.ToString();
    }
}
