using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Cli.Tests.Support;
using EcsOps.Runbooks.Postgres;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// Doctor where the lab world breaks things on purpose: an agent that cannot reach ssmmessages (and the automatic doctor
/// when a session then fails with TargetNotConnected), a disabled KMS key.
/// </summary>
[Collection(LabSandboxCollection.Name)]
public sealed class DoctorLabTests(LabSandboxFixture sandbox)
{
    [Fact]
    public async Task Exec_AgentCannotReachSsmMessages_DoctorLinesThenOneErrorLineExit255()
    {
        var result = await sandbox.RunAsync("exec", "isolated", "--", "true");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("TargetNotConnected", error, StringComparison.Ordinal);
        var network = Assert.Single(StderrLines(result), l => l.StartsWith("FAIL  agent reaches ssmmessages", StringComparison.Ordinal));
        Assert.Contains("subnet-0lab000000000000b", network, StringComparison.Ordinal);
        Assert.Contains("aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --vpc-id vpc-0lab0000000000001 --service-name com.amazonaws.us-east-1.ssmmessages", network, StringComparison.Ordinal);

        // The short report lists problems only.
        Assert.DoesNotContain(StderrLines(result), l => l.StartsWith("PASS", StringComparison.Ordinal));
        Assert.Empty(result.StandardOutputBytes);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_AgentCannotReachSsmMessages_DoctorLinesThenOneErrorLineExit255()
    {
        var result = await sandbox.RunAsync("forward", "isolated", "0:80");

        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.Contains(StderrLines(result), l => l.StartsWith("FAIL  agent reaches ssmmessages", StringComparison.Ordinal));
        Assert.DoesNotContain("forwarding", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Commands whose sessions start inside their work get the same report, through the same code as exec.</summary>
    [Theory]
    [InlineData(255, "db", "backup", "isolated", "--to", "s3://lab-backups/isolated", "--yes")]
    [InlineData(1, "cp", "isolated:/etc/hostname", "-")]
    public async Task SessionCommands_AgentCannotReachSsmMessages_DoctorLinesThenOneErrorLine(int exitCode, params string[] arguments)
    {
        var result = await sandbox.RunAsync(arguments);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains("TargetNotConnected", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains(StderrLines(result), l => l.StartsWith("FAIL  agent reaches ssmmessages", StringComparison.Ordinal));
        Assert.DoesNotContain(StderrLines(result), l => l.StartsWith("PASS", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExecModeRunbook_AgentCannotReachSsmMessages_DoctorLinesThenOneErrorLine()
    {
        var directory = Directory.CreateTempSubdirectory("ecsops-lab-run-");
        try
        {
            var config = Path.Combine(directory.FullName, "ecsops.yaml");
            await File.WriteAllTextAsync(config, """
                runbooks:
                  probe:
                    description: Runs true in the isolated task
                    target: isolated
                    command: ["true"]
                """);

            var result = await sandbox.RunAsync("--config", config, "run", "probe");

            Assert.True(result.ExitCode == 255, result.ToString());
            Assert.Contains("TargetNotConnected", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
            Assert.Contains(StderrLines(result), l => l.StartsWith("FAIL  agent reaches ssmmessages", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DbRestore_AgentCannotReachSsmMessages_DoctorLinesThenOneErrorLine()
    {
        // A dump with its manifest, so that the restore gets as far as its first session.
        var dump = "PGDMP not restored"u8.ToArray();
        var environment = sandbox.Host.EnvironmentFor();
        using (var s3 = new AmazonS3Client(
            environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"],
            new AmazonS3Config { ServiceURL = environment["AWS_ENDPOINT_URL"], ForcePathStyle = true, AuthenticationRegion = environment["AWS_REGION"] }))
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "lab-backups", Key = "restore/app.dump", InputStream = new MemoryStream(dump) });
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = "lab-backups", Key = "restore/app.dump" + BackupManifest.Suffix,
                ContentBody = new BackupManifest(Convert.ToHexStringLower(SHA256.HashData(dump)), "app.dump").ToText(),
            });
        }

        var result = await sandbox.RunAsync("db", "restore", "isolated", "--from", "s3://lab-backups/restore/app.dump", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.Contains("TargetNotConnected", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains(StderrLines(result), l => l.StartsWith("FAIL  agent reaches ssmmessages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_AgentCannotReachSsmMessages_ReportWithoutTheEnvironmentAndDoctorLines()
    {
        var result = await sandbox.RunAsync("inspect", "isolated", "--env");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("exec failed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(StderrLines(result), l => l.StartsWith("FAIL  agent reaches ssmmessages", StringComparison.Ordinal));
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Exec_ReachableTask_NoDoctorOutput()
    {
        var result = await sandbox.RunAsync("exec", "sealed", "--", "true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Doctor_IsolatedTask_NetworkCheckFails()
    {
        var result = await sandbox.RunAsync("doctor", "isolated", "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var checks = Checks(result);
        Assert.Equal("fail", checks["ssmmessages-reachable"].GetProperty("status").GetString());
        Assert.Equal("pass", checks["exec-agent"].GetProperty("status").GetString());
        Assert.Equal(["ssmmessages-reachable"], checks.Values.Where(c => c.GetProperty("status").GetString() == "fail").Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Doctor_ClusterKeyDisabled_KmsCheckFails()
    {
        var result = await sandbox.RunAsync("doctor", "retired", "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var kms = Checks(result)["exec-kms-key"];
        Assert.Equal("fail", kms.GetProperty("status").GetString());
        Assert.Contains("alias/retired", kms.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("disabled", kms.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_KmsCluster_KeyCheckPasses()
    {
        var result = await sandbox.RunAsync("doctor", "sealed", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("pass", Checks(result)["exec-kms-key"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Doctor_CallerMayNotExecNorReadEc2_ExecuteCommandFailsAndNetworkIsUnknown()
    {
        var locked = sandbox.Host.World.Accounts.Single(a => a.Name == "locked");
        await using var process = sandbox.Start(["doctor", "locked", "-o", "json"], extra: new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = locked.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = locked.SecretAccessKey,
        });
        process.StandardInput.Close();
        var result = await process.WaitAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var checks = Checks(result);
        var caller = checks["caller-execute-command"];
        Assert.Equal("fail", caller.GetProperty("status").GetString());
        Assert.Contains("arn:aws:iam::444444444444:user/sandbox-user may not", caller.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("allow ecs:ExecuteCommand", caller.GetProperty("fix").GetString(), StringComparison.Ordinal);
        var network = checks["ssmmessages-reachable"];
        Assert.Equal("warn", network.GetProperty("status").GetString());
        Assert.Contains("UnauthorizedOperation", network.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ec2:DescribeSubnets", network.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Checks(CliResult result) =>
        JsonDocument.Parse(result.StandardOutputBytes).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!);

    private static List<string> StderrLines(CliResult result) => result.StandardError.Split('\n').ToList();
}
