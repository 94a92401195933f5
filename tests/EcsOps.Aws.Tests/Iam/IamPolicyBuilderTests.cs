using System.Text.Json;
using EcsOps.Aws.Config;
using EcsOps.Aws.Iam;

namespace EcsOps.Aws.Tests.Iam;

/// <summary>The policies <c>ecsops iam policy</c> prints, read back as IAM would read the JSON.</summary>
public sealed class IamPolicyBuilderTests
{
    private const string Cluster = "arn:aws:ecs:us-east-1:111111111111:cluster/dev-web";

    private static readonly EcsOpsConfig s_config = ConfigLoader.Parse("""
        accounts:
          - { id: "111111111111", name: dev, regions: [us-east-1] }
          - { id: "222222222222", name: prod, regions: [eu-west-1] }
        defaults: { roleName: EcsOpsAccess }
        audit:
          cloudwatch: { logGroup: /ecsops/audit, region: us-east-1, account: dev }
          transcripts: { bucket: acme-audit, prefix: sessions/ }
        runbooks:
          migrate: { mode: task }
          vacuum: { mode: exec }
        """);

    private sealed record Statement(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, JsonElement? Condition);

    private static List<Statement> Policy(IamPolicyKind kind, string[]? clusters = null, string[]? runbooks = null, string? backups = null, string? execLogGroup = null)
    {
        var request = IamPolicyRequest.FromConfig(
            s_config, kind, clusters ?? [], [], (runbooks ?? []).Select(r => RunbookPermissions.Of(s_config, r)).ToList(), backups, execLogGroup);
        using var document = JsonDocument.Parse(IamPolicyBuilder.Build(request).ToJson());
        Assert.Equal("2012-10-17", document.RootElement.GetProperty("Version").GetString());
        return document.RootElement.GetProperty("Statement").EnumerateArray().Select(s =>
        {
            Assert.Equal("Allow", s.GetProperty("Effect").GetString());
            return new Statement(
                s.GetProperty("Sid").GetString()!,
                OneOrMany(s.GetProperty("Action")),
                OneOrMany(s.GetProperty("Resource")),
                s.TryGetProperty("Condition", out var condition) ? condition.Clone() : null);
        }).ToList();
    }

    private static List<string> OneOrMany(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? [element.GetString()!] : element.EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>Every resource that allows <paramref name="action"/>.</summary>
    private static List<string> ResourcesFor(List<Statement> policy, string action) =>
        policy.Where(s => s.Actions.Contains(action)).SelectMany(s => s.Resources).ToList();

    [Theory]
    [InlineData(IamPolicyKind.Operator)]
    [InlineData(IamPolicyKind.Service)]
    [InlineData(IamPolicyKind.TaskRole)]
    public void Build_EveryKind_StarOnlyForUnscopableActionsOrWithACondition(IamPolicyKind kind)
    {
        var policy = Policy(kind, runbooks: ["db-backup"], backups: "s3://acme-backups/db/", execLogGroup: "/ecs/exec");

        Assert.All(policy.Where(s => s.Resources.Contains("*")), s => Assert.True(
            s.Condition is not null || s.Actions.All(IamPolicyBuilder.UnscopableActions.Contains),
            $"{s.Sid} allows {string.Join(", ", s.Actions)} on * without a condition"));
        Assert.Equal(policy.Count, policy.Select(s => s.Sid).Distinct().Count());
    }

    [Fact]
    public void Operator_EachCommandFindsWhatItCalls()
    {
        var policy = Policy(IamPolicyKind.Operator, clusters: [Cluster]);

        // ls: discovery
        Assert.Contains("*", ResourcesFor(policy, "ecs:ListClusters"));
        Assert.Contains(Cluster, ResourcesFor(policy, "ecs:DescribeClusters"));
        Assert.Contains("arn:aws:ecs:us-east-1:111111111111:task/dev-web/*", ResourcesFor(policy, "ecs:DescribeTasks"));
        var list = Assert.Single(policy, s => s.Actions.Contains("ecs:ListTasks"));
        Assert.Equal(Cluster, list.Condition!.Value.GetProperty("ArnEquals").GetProperty("ecs:cluster").GetString());

        // exec: ExecuteCommand on the cluster and its tasks, the session key, own sessions only
        Assert.Equal([Cluster, "arn:aws:ecs:us-east-1:111111111111:task/dev-web/*"], ResourcesFor(policy, "ecs:ExecuteCommand"));
        Assert.Equal(["arn:aws:ssm:*:*:session/${aws:userid}-*", "arn:aws:ssm:*:*:session/${aws:username}-*"], ResourcesFor(policy, "ssm:TerminateSession"));
        Assert.Equal(ResourcesFor(policy, "ssm:TerminateSession"), ResourcesFor(policy, "ssm:ResumeSession"));
        Assert.Equal(["arn:aws:kms:us-east-1:111111111111:key/*"], ResourcesFor(policy, "kms:GenerateDataKey").Where(r => r.Contains("us-east-1")).ToList());

        // forward: StartSession on the tasks with the two port forwarding documents, document check enforced
        var forward = ResourcesFor(policy, "ssm:StartSession");
        Assert.Contains("arn:aws:ecs:us-east-1:111111111111:task/dev-web/*", forward);
        Assert.Contains("arn:aws:ssm:us-east-1::document/AWS-StartPortForwardingSession", forward);
        Assert.Contains("arn:aws:ssm:us-east-1::document/AWS-StartPortForwardingSessionToRemoteHost", forward);
        Assert.DoesNotContain(forward, r => r.EndsWith(":document/*", StringComparison.Ordinal) || r.Contains("SSM-SessionManagerRunShell", StringComparison.Ordinal));

        // audit: the configured group in the dev account; transcripts: the configured prefix
        Assert.Equal(["arn:aws:logs:us-east-1:111111111111:log-group:/ecsops/audit:log-stream:*"], ResourcesFor(policy, "logs:PutLogEvents"));
        Assert.Contains("arn:aws:logs:us-east-1:111111111111:log-group:/ecsops/audit", ResourcesFor(policy, "logs:CreateLogGroup"));
        Assert.Equal(["arn:aws:s3:::acme-audit/sessions/*"], ResourcesFor(policy, "s3:PutObject"));
        Assert.Equal(["arn:aws:s3:::acme-audit"], ResourcesFor(policy, "s3:ListBucket"));

        // other accounts: the configured role in each listed account
        Assert.Equal(["arn:aws:iam::111111111111:role/EcsOpsAccess", "arn:aws:iam::222222222222:role/EcsOpsAccess"], ResourcesFor(policy, "sts:AssumeRole"));

        // no runbook asked for: no RunTask, no PassRole
        Assert.Empty(ResourcesFor(policy, "ecs:RunTask"));
        Assert.Empty(ResourcesFor(policy, "iam:PassRole"));
    }

    [Fact]
    public void Operator_NoClustersGiven_ScopedToEveryListedAccountAndRegion()
    {
        var policy = Policy(IamPolicyKind.Operator);

        Assert.Equal(
            ["arn:aws:ecs:us-east-1:111111111111:cluster/*", "arn:aws:ecs:eu-west-1:222222222222:cluster/*",
             "arn:aws:ecs:us-east-1:111111111111:task/*/*", "arn:aws:ecs:eu-west-1:222222222222:task/*/*"],
            ResourcesFor(policy, "ecs:ExecuteCommand"));
        Assert.True(Assert.Single(policy, s => s.Actions.Contains("ecs:ListTasks")).Condition!.Value.TryGetProperty("ArnLike", out _));
    }

    [Fact]
    public void Operator_TaskRunbookWithBackups_RunTaskPassRoleAndBackupPrefix()
    {
        var policy = Policy(IamPolicyKind.Operator, clusters: [Cluster], runbooks: ["db-backup", "migrate"], backups: "s3://acme-backups/db/");

        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:task-definition/*"], ResourcesFor(policy, "ecs:RunTask"));
        var passRole = Assert.Single(policy, s => s.Actions.Contains("iam:PassRole"));
        Assert.Equal("ecs-tasks.amazonaws.com", passRole.Condition!.Value.GetProperty("StringEquals").GetProperty("iam:PassedToService").GetString());
        Assert.Contains("arn:aws:s3:::acme-backups/db/*", ResourcesFor(policy, "s3:GetObject"));
        Assert.Contains("arn:aws:ecs:us-east-1:111111111111:task/dev-web/*", ResourcesFor(policy, "ecs:TagResource"));
    }

    [Fact]
    public void Operator_DbSecrets_GetSecretValueOnThoseSecretsAndDecryptOnlyThroughSecretsManager()
    {
        var request = IamPolicyRequest.FromConfig(
            s_config, IamPolicyKind.Operator, [], [], [RunbookPermissions.Of(s_config, "db-backup")], "s3://acme-backups/db/", null) with
            {
                DatabaseSecrets = ["db/app-url", "arn:aws:secretsmanager:eu-west-1:222222222222:secret:prod/db-AbCdEf"],
                DatabaseSecretKeys = ["arn:aws:kms:eu-west-1:222222222222:key/1234"],
            };
        using var document = JsonDocument.Parse(IamPolicyBuilder.Build(request).ToJson());
        var statements = document.RootElement.GetProperty("Statement").EnumerateArray().ToList();

        // A name is looked up where --secret NAME looks: the container's account and region, so each scoped one.
        var read = Assert.Single(statements, s => s.GetProperty("Sid").GetString() == "ReadDatabaseSecrets");
        Assert.Equal("secretsmanager:GetSecretValue", read.GetProperty("Action").GetString());
        Assert.Equal(
            [
                "arn:aws:secretsmanager:us-east-1:111111111111:secret:db/app-url-??????",
                "arn:aws:secretsmanager:eu-west-1:222222222222:secret:db/app-url-??????",
                "arn:aws:secretsmanager:eu-west-1:222222222222:secret:prod/db-AbCdEf",
            ],
            read.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()));
        var decrypt = Assert.Single(statements, s => s.GetProperty("Sid").GetString() == "DecryptDatabaseSecrets");
        Assert.Equal("kms:Decrypt", decrypt.GetProperty("Action").GetString());
        Assert.Equal("arn:aws:kms:eu-west-1:222222222222:key/1234", decrypt.GetProperty("Resource").GetString());
        Assert.Equal("secretsmanager.*.amazonaws.com", decrypt.GetProperty("Condition").GetProperty("StringLike").GetProperty("kms:ViaService").GetString());
    }

    [Fact]
    public void Operator_DbRunbookWithoutSecrets_NoSecretsManagerAccess()
    {
        var policy = Policy(IamPolicyKind.Operator, clusters: [Cluster], runbooks: ["db-backup", "db-restore"], backups: "s3://acme-backups/db/");

        Assert.DoesNotContain(policy.SelectMany(s => s.Actions), a => a.StartsWith("secretsmanager:", StringComparison.Ordinal));
        Assert.Empty(ResourcesFor(policy, "kms:Decrypt"));
    }

    [Fact]
    public void Service_NoPortForwardingNoTranscripts()
    {
        var policy = Policy(IamPolicyKind.Service, clusters: [Cluster], runbooks: ["migrate"]);

        Assert.Empty(ResourcesFor(policy, "ssm:StartSession"));
        Assert.Empty(ResourcesFor(policy, "s3:PutObject"));
        Assert.NotEmpty(ResourcesFor(policy, "ecs:ExecuteCommand"));
        Assert.NotEmpty(ResourcesFor(policy, "ecs:RunTask"));
        Assert.NotEmpty(ResourcesFor(policy, "logs:PutLogEvents"));
    }

    [Fact]
    public void TaskRole_ChannelsDecryptExecLogsAndBackups()
    {
        var policy = Policy(IamPolicyKind.TaskRole, clusters: [Cluster], runbooks: ["db-backup"], backups: "s3://acme-backups/db/", execLogGroup: "/ecs/exec");

        Assert.Equal(
            ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            policy.SelectMany(s => s.Actions).Where(a => a.StartsWith("ssmmessages:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["arn:aws:kms:us-east-1:111111111111:key/*"], ResourcesFor(policy, "kms:Decrypt"));
        Assert.Equal(["arn:aws:logs:us-east-1:111111111111:log-group:/ecs/exec:*"], ResourcesFor(policy, "logs:PutLogEvents"));
        Assert.Equal(["arn:aws:s3:::acme-backups/db/*"], ResourcesFor(policy, "s3:PutObject"));
        Assert.Empty(ResourcesFor(policy, "ecs:ExecuteCommand"));
        Assert.Empty(ResourcesFor(policy, "kms:GenerateDataKey"));
    }

    [Fact]
    public void Build_KmsKeysGiven_ExactlyThoseKeysWithoutCondition()
    {
        var request = IamPolicyRequest.FromConfig(s_config, IamPolicyKind.Operator, [Cluster], ["arn:aws:kms:us-east-1:111111111111:key/abc"], [], null, null);
        using var document = JsonDocument.Parse(IamPolicyBuilder.Build(request).ToJson());

        var encrypt = document.RootElement.GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == "EncryptSessions");
        Assert.Equal("arn:aws:kms:us-east-1:111111111111:key/abc", encrypt.GetProperty("Resource").GetString());
        Assert.False(encrypt.TryGetProperty("Condition", out _));
    }

    [Theory]
    [InlineData("arn:aws:ecs:us-east-1:111111111111:service/dev-web/web")]
    [InlineData("dev-web")]
    public void FromConfig_NotAClusterArn_Refused(string arn) =>
        Assert.Throws<FormatException>(() => IamPolicyRequest.FromConfig(s_config, IamPolicyKind.Operator, [arn], [], [], null, null));

    [Fact]
    public void RunbookPermissions_UnknownName_ListsKnownOnes()
    {
        var error = Assert.Throws<ConfigException>(() => RunbookPermissions.Of(s_config, "nope"));

        Assert.Contains("known: db-backup, db-restore, migrate, vacuum", error.Message);
    }
}
