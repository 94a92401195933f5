using EcsOps.Aws.Ecs;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Aws.Http;
using EcsOps.Aws.Tests.Fixtures;

namespace EcsOps.Aws.Tests.Clients;

[Collection(SandboxCollection.Name)]
public class EcsClientTests(SandboxFixture sandbox)
{
    private const string DevWebTask = "11111111111111111111111111111111";

    private EcsClient Dev => sandbox.Factory().CreateEcs("us-east-1", SandboxFixture.CredentialsOf(sandbox.Dev));

    [Fact]
    public async Task ListAndDescribeClusters_DevAccount_FindsDevWeb()
    {
        var arns = await Dev.ListClustersAsync(new ListClustersRequest(), CancellationToken.None);
        var described = await Dev.DescribeClustersAsync(new DescribeClustersRequest { Clusters = arns.ClusterArns }, CancellationToken.None);

        var arn = Assert.Single(arns.ClusterArns);
        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:cluster/dev-web", arn);
        Assert.Equal("dev-web", Assert.Single(described.Clusters).ClusterName);
    }

    [Fact]
    public async Task ListAndDescribeServices_DevWeb_ReturnsBothServices()
    {
        var arns = await Dev.ListServicesAsync(new ListServicesRequest { Cluster = "dev-web" }, CancellationToken.None);
        var services = await Dev.DescribeAllServicesAsync("dev-web", arns.ServiceArns, CancellationToken.None);

        Assert.Equal(["web", "worker"], services.Select(s => s.ServiceName).Order());
    }

    [Fact]
    public async Task ListAndDescribeTasks_DevWeb_ReturnsRunningTaskWithRuntimeIds()
    {
        var arns = await Dev.ListTasksAsync(new ListTasksRequest { Cluster = "dev-web", ServiceName = "web" }, CancellationToken.None);
        var described = await Dev.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "dev-web", Tasks = arns.TaskArns }, CancellationToken.None);

        var task = Assert.Single(described.Tasks);
        Assert.EndsWith(DevWebTask, task.TaskArn, StringComparison.Ordinal);
        Assert.Equal(EcsStatus.Running, task.LastStatus);
        Assert.NotNull(Assert.Single(task.Containers).RuntimeId);
    }

    [Fact]
    public async Task ListAllTaskArns_PagesOfOne_ReturnsEveryTask()
    {
        var all = new List<string>();
        await foreach (var arn in Dev.ListAllTaskArnsAsync(new ListTasksRequest { Cluster = "dev-web", MaxResults = 1 }, CancellationToken.None))
        {
            all.Add(arn);
        }

        var single = await Dev.ListTasksAsync(new ListTasksRequest { Cluster = "dev-web" }, CancellationToken.None);
        Assert.True(all.Count >= 2);
        Assert.Equal(single.TaskArns.Order(), all.Order());
    }

    [Fact]
    public async Task DescribeTaskDefinition_Web3_ReturnsContainers()
    {
        var response = await Dev.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "web:3" }, CancellationToken.None);

        Assert.Equal("app", Assert.Single(response.TaskDefinition!.ContainerDefinitions).Name);
    }

    [Fact]
    public async Task ExecuteCommand_RunningWebTask_ReturnsSession()
    {
        var response = await Dev.ExecuteCommandAsync(
            new ExecuteCommandRequest { Cluster = "dev-web", Task = DevWebTask, Container = "app", Command = "/bin/sh", Interactive = true },
            CancellationToken.None);

        Assert.NotNull(response.Session?.SessionId);
        Assert.StartsWith("ws", response.Session!.StreamUrl, StringComparison.Ordinal);
        Assert.NotNull(response.Session.TokenValue);
    }

    [Fact]
    public async Task ExecuteCommand_AgentNotRunning_ThrowsTargetNotConnected()
    {
        var prod = sandbox.Factory().CreateEcs("eu-west-1", SandboxFixture.CredentialsOf(sandbox.Prod));

        await Assert.ThrowsAsync<TargetNotConnectedException>(() => prod.ExecuteCommandAsync(
            new ExecuteCommandRequest
            {
                Cluster = "prod-api", Task = "44444444444444444444444444444444", Container = "api", Command = "sh", Interactive = true,
            },
            CancellationToken.None));
    }

    [Fact]
    public async Task RunTaskThenStopTask_Migrate_StopsTheTask()
    {
        var run = await Dev.RunTaskAsync(
            new RunTaskRequest
            {
                Cluster = "dev-web",
                TaskDefinition = "migrate:1",
                StartedBy = "ecsops-test",
                NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-1"] } },
            },
            CancellationToken.None);
        var task = Assert.Single(run.Tasks);

        var stop = await Dev.StopTaskAsync(new StopTaskRequest { Cluster = "dev-web", Task = task.TaskArn, Reason = "test" }, CancellationToken.None);

        Assert.Equal(EcsStatus.Stopped, stop.Task!.DesiredStatus);
        Assert.Equal("test", stop.Task.StoppedReason);
    }

    [Fact]
    public async Task UpdateService_EnableExecuteCommand_IsReflected()
    {
        var response = await Dev.UpdateServiceAsync(
            new UpdateServiceRequest { Cluster = "dev-web", Service = "worker", EnableExecuteCommand = true }, CancellationToken.None);

        Assert.True(response.Service!.EnableExecuteCommand);
    }

    [Fact]
    public async Task DescribeTasks_UnknownCluster_ThrowsClusterNotFound()
    {
        var error = await Assert.ThrowsAsync<ClusterNotFoundException>(
            () => Dev.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "nope", Tasks = ["x"] }, CancellationToken.None));

        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task DescribeTasks_TooManyTasks_ThrowsInvalidParameter()
    {
        var tasks = Enumerable.Range(0, 101).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        await Assert.ThrowsAsync<InvalidParameterException>(
            () => Dev.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "dev-web", Tasks = tasks }, CancellationToken.None));
    }

    [Fact]
    public async Task DescribeAllTasks_MoreThanOneHundred_BatchesAndSkipsMissing()
    {
        var listed = await Dev.ListTasksAsync(new ListTasksRequest { Cluster = "dev-web", ServiceName = "web" }, CancellationToken.None);
        var ids = Enumerable.Range(0, 150).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture))
            .Concat(listed.TaskArns).ToList();

        var tasks = await Dev.DescribeAllTasksAsync("dev-web", ids, include: null, CancellationToken.None);

        Assert.EndsWith(DevWebTask, Assert.Single(tasks).TaskArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongSecret_ThrowsTypedSignatureError()
    {
        var ecs = sandbox.Factory().CreateEcs("us-east-1", TestEnvironment.Credentials(sandbox.Dev.AccessKeyId, "wrong"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.False(error.IsRetryable);
    }
}
