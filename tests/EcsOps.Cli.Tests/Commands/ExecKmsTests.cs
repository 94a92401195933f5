using System.Security.Cryptography;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// `ecsops exec` into a cluster whose executeCommandConfiguration has a kmsKeyId: the agent asks for KMS encryption, the
/// CLI generates the data key with kms:GenerateDataKey and the session runs sealed (the agent ends it otherwise).
/// </summary>
[Collection(LabSandboxCollection.Name)]
public sealed class ExecKmsTests(LabSandboxFixture sandbox)
{
    [Fact]
    public async Task Exec_KmsEncryptedCluster_CommandRunsWithItsExitStatusAndOutput()
    {
        var result = await sandbox.RunAsync("exec", "sealed", "--", "sh", "-c", "echo sealed-$((6*7)); echo to-stderr >&2; exit 5");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal("sealed-42\n", result.StandardOutput);
        Assert.Equal("to-stderr\n", result.StandardError);
    }

    [Fact]
    public async Task Exec_KmsEncryptedCluster_StdinThroughCatArrivesByteIdentical()
    {
        var data = RandomNumberGenerator.GetBytes(256 * 1024);
        using var stdin = new MemoryStream(data);

        var result = await sandbox.RunAsync(["exec", "sealed", "--", "cat"], stdin);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(result.StandardOutputBytes));
    }

    [Fact]
    public async Task Exec_ClusterKeyDisabled_Exits255SayingKmsFailed()
    {
        var result = await sandbox.RunAsync("exec", "retired", "--", "true");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("KMS data key", error, StringComparison.Ordinal);
        Assert.Contains("disabled", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
