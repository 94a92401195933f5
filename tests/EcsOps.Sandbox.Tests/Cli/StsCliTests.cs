using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Cli;

[Collection(SandboxCollection.Name)]
public class StsCliTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task GetCallerIdentity_DevKey_IsTheDevUser()
    {
        var identity = await sandbox.Cli.JsonAsync("sts", "get-caller-identity");

        Assert.Equal("111111111111", identity.GetProperty("Account").GetString());
        Assert.Equal("arn:aws:iam::111111111111:user/sandbox-user", identity.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task AssumeRole_IntoProd_TemporaryCredentialsActInProd()
    {
        var assumed = await sandbox.Cli.JsonAsync("sts", "assume-role",
            "--role-arn", "arn:aws:iam::222222222222:role/EcsOpsAccess", "--role-session-name", "cli-test");
        var credentials = assumed.GetProperty("Credentials");
        var asRole = new AwsCli(sandbox.Host, sandbox.Dev, "eu-west-1")
        {
            Environment = new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = credentials.GetProperty("AccessKeyId").GetString()!,
                ["AWS_SECRET_ACCESS_KEY"] = credentials.GetProperty("SecretAccessKey").GetString()!,
                ["AWS_SESSION_TOKEN"] = credentials.GetProperty("SessionToken").GetString()!,
            },
        };

        var identity = await asRole.JsonAsync("sts", "get-caller-identity");
        var clusters = await asRole.JsonAsync("ecs", "list-clusters");

        Assert.Equal("arn:aws:sts::222222222222:assumed-role/EcsOpsAccess/cli-test", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
        Assert.Equal("222222222222", identity.GetProperty("Account").GetString());
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/EcsOpsAccess/cli-test", identity.GetProperty("Arn").GetString());
        Assert.Equal(["arn:aws:ecs:eu-west-1:222222222222:cluster/prod-api"], clusters.GetProperty("clusterArns").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task AssumeRole_RoleNotInWorld_FailsWithAccessDenied()
    {
        var result = await sandbox.Cli.RunAsync("sts", "assume-role",
            "--role-arn", "arn:aws:iam::222222222222:role/NoSuchRole", "--role-session-name", "cli-test");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AccessDenied", result.Stderr, StringComparison.Ordinal);
    }
}
