using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Cli;

[Collection(SandboxCollection.Name)]
public class EcsCliTests(SandboxFixture sandbox)
{
    private const string WebTaskId = "11111111111111111111111111111111";

    [Fact]
    public async Task ListClusters_AsDev_ListsOnlyDevClustersOfTheRegion()
    {
        var output = await sandbox.Cli.JsonAsync("ecs", "list-clusters");

        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:cluster/dev-web"], output.GetProperty("clusterArns").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task ListClusters_AsProdInEuWest1_ListsProdCluster()
    {
        var output = await sandbox.Cli.As(sandbox.Prod, "eu-west-1").JsonAsync("ecs", "list-clusters");

        Assert.Equal(["arn:aws:ecs:eu-west-1:222222222222:cluster/prod-api"], output.GetProperty("clusterArns").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task DescribeTasks_WorldTask_ShowsRuntimeIdAndRunningExecAgent()
    {
        var output = await sandbox.Cli.JsonAsync("ecs", "describe-tasks", "--cluster", "dev-web", "--tasks", WebTaskId);

        var task = output.GetProperty("tasks").EnumerateArray().Single();
        Assert.Equal("RUNNING", task.GetProperty("lastStatus").GetString());
        Assert.True(task.GetProperty("enableExecuteCommand").GetBoolean());
        var container = task.GetProperty("containers").EnumerateArray().Single();
        Assert.StartsWith(WebTaskId + "-", container.GetProperty("runtimeId").GetString(), StringComparison.Ordinal);
        var agent = container.GetProperty("managedAgents").EnumerateArray().Single();
        Assert.Equal(("ExecuteCommandAgent", "RUNNING"), (agent.GetProperty("name").GetString(), agent.GetProperty("lastStatus").GetString()));
        Assert.Empty(output.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task DescribeTasks_UnknownTask_ReportsMissingFailure()
    {
        var output = await sandbox.Cli.JsonAsync("ecs", "describe-tasks", "--cluster", "dev-web", "--tasks", "ffffffffffffffffffffffffffffffff");

        var failure = output.GetProperty("failures").EnumerateArray().Single();
        Assert.Equal("MISSING", failure.GetProperty("reason").GetString());
        Assert.EndsWith("/ffffffffffffffffffffffffffffffff", failure.GetProperty("arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTask_MigrateFamily_StartsProvisioningThenRunsWithRuntimeIds()
    {
        var output = await sandbox.Cli.JsonAsync("ecs", "run-task", "--cluster", "dev-web", "--task-definition", "migrate",
            "--enable-execute-command", "--started-by", "ecs-cli-test",
            "--network-configuration", "awsvpcConfiguration={subnets=[subnet-0dev0000000000001],assignPublicIp=DISABLED}");

        var started = output.GetProperty("tasks").EnumerateArray().Single();
        var taskArn = started.GetProperty("taskArn").GetString()!;
        Assert.Equal("PROVISIONING", started.GetProperty("lastStatus").GetString());
        Assert.Equal("family:migrate", started.GetProperty("group").GetString());
        await sandbox.Host.Ecs.WaitForTaskAsync(new EcsScope("111111111111", "us-east-1"), taskArn, t => t.LastStatus == EcsStatus.Running, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        var described = await sandbox.Cli.JsonAsync("ecs", "describe-tasks", "--cluster", "dev-web", "--tasks", taskArn);
        var task = described.GetProperty("tasks").EnumerateArray().Single();
        Assert.Equal("RUNNING", task.GetProperty("lastStatus").GetString());
        Assert.False(string.IsNullOrEmpty(task.GetProperty("containers")[0].GetProperty("runtimeId").GetString()));
        var listed = await sandbox.Cli.JsonAsync("ecs", "list-tasks", "--cluster", "dev-web", "--started-by", "ecs-cli-test");
        Assert.Contains(taskArn, listed.GetProperty("taskArns").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task RunTask_WithoutNetworkConfiguration_FailsWithInvalidParameterException()
    {
        var result = await sandbox.Cli.RunAsync("ecs", "run-task", "--cluster", "dev-web", "--task-definition", "migrate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidParameterException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Network Configuration must be provided", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeTaskDefinition_Family_ReturnsLatestRevisionWithSecretsAndLogging()
    {
        var output = await sandbox.Cli.JsonAsync("ecs", "describe-task-definition", "--task-definition", "web");

        var definition = output.GetProperty("taskDefinition");
        Assert.Equal(3, definition.GetProperty("revision").GetInt32());
        var container = definition.GetProperty("containerDefinitions")[0];
        Assert.Equal("DB_PASSWORD", container.GetProperty("secrets")[0].GetProperty("name").GetString());
        Assert.Equal("awslogs", container.GetProperty("logConfiguration").GetProperty("logDriver").GetString());
        Assert.True(container.GetProperty("readonlyRootFilesystem").GetBoolean());
        Assert.True(container.GetProperty("linuxParameters").GetProperty("initProcessEnabled").GetBoolean());
    }

    [Fact]
    public async Task ListClusters_UnknownCluster_DescribeReportsClusterNotFound()
    {
        var result = await sandbox.Cli.RunAsync("ecs", "list-services", "--cluster", "no-such-cluster");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ClusterNotFoundException", result.Stderr, StringComparison.Ordinal);
    }
}
