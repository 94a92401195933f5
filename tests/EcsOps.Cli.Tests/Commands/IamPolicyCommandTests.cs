using System.Text.Json;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops iam policy` as a process: JSON on stdout, one error line for bad input.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class IamPolicyCommandTests(CliSandboxFixture sandbox)
{
    [Fact]
    public async Task Policy_Operator_PrintsAPolicyDocument()
    {
        var result = await sandbox.RunAsync("iam", "policy", "operator", "--cluster", "arn:aws:ecs:us-east-1:111111111111:cluster/dev-web");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var policy = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        Assert.Contains(policy.RootElement.GetProperty("Statement").EnumerateArray(), s => s.GetProperty("Sid").GetString() == "ExecIntoScopedTasks");
    }

    [Fact]
    public async Task Policy_BackupRunbookWithoutBackups_UsageErrorSayingWhatToAdd()
    {
        var result = await sandbox.RunAsync("iam", "policy", "task-role", "--runbook", "db-backup");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: runbook db-backup keeps backups in S3: say where with --backups s3://bucket/prefix/", Assert.Single(result.ErrorLines));
        Assert.Empty(result.StandardOutputBytes);
    }

    [Fact]
    public async Task Policy_DbSecret_OperatorMayReadItInTheScopedAccount()
    {
        var result = await sandbox.RunAsync(
            "iam", "policy", "operator", "--cluster", "arn:aws:ecs:us-east-1:111111111111:cluster/dev-web",
            "--runbook", "db-backup", "--backups", "s3://backups/db/", "--db-secret", "db/app-url");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var policy = JsonDocument.Parse(result.StandardOutput);
        var read = Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray(), s => s.GetProperty("Sid").GetString() == "ReadDatabaseSecrets");
        Assert.Equal("secretsmanager:GetSecretValue", read.GetProperty("Action").GetString());
        Assert.Equal("arn:aws:secretsmanager:us-east-1:111111111111:secret:db/app-url-??????", read.GetProperty("Resource").GetString());
    }

    [Fact]
    public async Task Policy_DbSecretWithoutADbRunbook_UsageError()
    {
        var result = await sandbox.RunAsync("iam", "policy", "operator", "--db-secret", "db/app-url");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--runbook db-backup or db-restore", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(result.StandardOutputBytes);
    }

    [Fact]
    public async Task Policy_ClusterThatIsNotAnArn_UsageError()
    {
        var result = await sandbox.RunAsync("iam", "policy", "operator", "--cluster", "dev-web");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("is not an ECS cluster ARN", Assert.Single(result.ErrorLines));
    }
}
