using System.Text.Json;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Api;

[Collection(SandboxCollection.Name)]
public class EcsApiTests(SandboxFixture sandbox)
{
    private const string WebTask = "11111111111111111111111111111111";
    private const string WorkerTask = "22222222222222222222222222222222";

    [Fact]
    public async Task ExecuteCommand_ExecEnabledTask_CreatesSessionPointingAtTheSandbox()
    {
        using var ecs = sandbox.Raw();

        var response = await ecs.JsonOkAsync("ecs", "ExecuteCommand",
            $$"""{"cluster":"dev-web","task":"{{WebTask}}","command":"/bin/sh","interactive":true}""");

        var session = response.GetProperty("session");
        var sessionId = session.GetProperty("sessionId").GetString()!;
        Assert.StartsWith("ecs-execute-command-", sessionId, StringComparison.Ordinal);
        Assert.Equal($"ws://127.0.0.1:{sandbox.Host.Port}/v1/data-channel/{sessionId}?role=publish_subscribe", session.GetProperty("streamUrl").GetString());
        Assert.Equal("app", response.GetProperty("containerName").GetString());
        var record = sandbox.Host.Sessions.Find(sessionId)!;
        Assert.Equal(EcsApi.ExecuteCommandDocument, record.DocumentName);
        Assert.Equal(["/bin/sh"], record.Parameters["command"]);
        Assert.StartsWith($"ecs:dev-web_{WebTask}_{WebTask}-", record.Target, StringComparison.Ordinal);
        Assert.True(sandbox.Host.Sessions.IsValidToken(sessionId, session.GetProperty("tokenValue").GetString()!));
    }

    [Fact]
    public async Task ExecuteCommand_ExecDisabledTask_FailsWithInvalidParameterException()
    {
        using var ecs = sandbox.Raw();

        var (status, error) = await ecs.JsonErrorAsync("ecs", "ExecuteCommand",
            $$"""{"cluster":"dev-web","task":"{{WorkerTask}}","command":"sh","interactive":true}""");

        Assert.Equal((400, "InvalidParameterException"), (status, error.Code));
        Assert.Contains("execute command was not enabled", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteCommand_AgentNotRunning_FailsWithTargetNotConnected()
    {
        using var ecs = sandbox.Raw(sandbox.Prod, "eu-west-1");

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ExecuteCommand",
            """{"cluster":"prod-api","task":"44444444444444444444444444444444","container":"api","command":"sh","interactive":true}""");

        Assert.Equal("TargetNotConnectedException", error.Code);
    }

    [Theory]
    [InlineData("""{"cluster":"prod-api","task":"33333333333333333333333333333333","command":"sh","interactive":true}""", "more than one container")]
    [InlineData("""{"cluster":"prod-api","task":"33333333333333333333333333333333","container":"api","command":"sh","interactive":false}""", "Interactive is the only mode")]
    public async Task ExecuteCommand_InvalidRequest_FailsWithInvalidParameterException(string json, string expected)
    {
        using var ecs = sandbox.Raw(sandbox.Prod, "eu-west-1");

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ExecuteCommand", json);

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains(expected, error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTasks_MaxResultsOne_PagesThroughEveryTaskWithNextToken()
    {
        using var ecs = sandbox.Raw(sandbox.Prod, "eu-west-1");
        var arns = new List<string>();
        string? token = null;
        do
        {
            var request = token is null ? """{"cluster":"prod-api","maxResults":1}""" : $$"""{"cluster":"prod-api","maxResults":1,"nextToken":"{{token}}"}""";
            var page = await ecs.JsonOkAsync("ecs", "ListTasks", request);
            arns.AddRange(page.GetProperty("taskArns").EnumerateArray().Select(a => a.GetString()!));
            token = page.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(
            ["arn:aws:ecs:eu-west-1:222222222222:task/prod-api/33333333333333333333333333333333", "arn:aws:ecs:eu-west-1:222222222222:task/prod-api/44444444444444444444444444444444"],
            arns);
    }

    [Theory]
    [InlineData("""{"cluster":"prod-api","nextToken":"not-a-token"}""", "InvalidParameterException")]
    [InlineData("""{"cluster":"prod-api","maxResults":101}""", "InvalidParameterException")]
    [InlineData("""{"cluster":"prod-api","serviceName":"nope"}""", "ServiceNotFoundException")]
    [InlineData("""{"cluster":"nope"}""", "ClusterNotFoundException")]
    public async Task ListTasks_BadArguments_FailWithEcsError(string json, string code)
    {
        using var ecs = sandbox.Raw(sandbox.Prod, "eu-west-1");

        var (_, error) = await ecs.JsonErrorAsync("ecs", "ListTasks", json);

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task ListServices_DevWeb_ListsBothServicesAndDescribeCountsTasks()
    {
        using var ecs = sandbox.Raw();

        var listed = await ecs.JsonOkAsync("ecs", "ListServices", """{"cluster":"dev-web"}""");
        var described = await ecs.JsonOkAsync("ecs", "DescribeServices", """{"cluster":"dev-web","services":["web","missing"]}""");

        Assert.Equal(2, listed.GetProperty("serviceArns").GetArrayLength());
        var web = described.GetProperty("services").EnumerateArray().Single();
        Assert.Equal((1, true), (web.GetProperty("runningCount").GetInt32(), web.GetProperty("enableExecuteCommand").GetBoolean()));
        Assert.Equal("MISSING", described.GetProperty("failures")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task DescribeClusters_WithoutInclude_OmitsConfiguration()
    {
        using var ecs = sandbox.Raw();

        var plain = await ecs.JsonOkAsync("ecs", "DescribeClusters", """{"clusters":["dev-web"]}""");
        var withConfiguration = await ecs.JsonOkAsync("ecs", "DescribeClusters", """{"clusters":["dev-web"],"include":["CONFIGURATIONS"]}""");

        Assert.False(plain.GetProperty("clusters")[0].TryGetProperty("configuration", out _));
        Assert.Equal("OVERRIDE", withConfiguration.GetProperty("clusters")[0].GetProperty("configuration")
            .GetProperty("executeCommandConfiguration").GetProperty("logging").GetString());
    }

    [Fact]
    public async Task UpdateService_EnableExecuteCommand_IsReportedWithNewDeployment()
    {
        using var ecs = sandbox.Raw(sandbox.Prod, "eu-west-1");

        var updated = await ecs.JsonOkAsync("ecs", "UpdateService", """{"cluster":"prod-api","service":"api","enableExecuteCommand":false,"desiredCount":3}""");
        var restored = await ecs.JsonOkAsync("ecs", "UpdateService", """{"cluster":"prod-api","service":"api","enableExecuteCommand":true,"desiredCount":2}""");

        var service = updated.GetProperty("service");
        Assert.False(service.GetProperty("enableExecuteCommand").GetBoolean());
        Assert.Equal(3, service.GetProperty("desiredCount").GetInt32());
        Assert.Equal("IN_PROGRESS", service.GetProperty("deployments")[0].GetProperty("rolloutState").GetString());
        Assert.True(restored.GetProperty("service").GetProperty("enableExecuteCommand").GetBoolean());
    }

    [Fact]
    public async Task StopTask_RunningTask_BecomesStoppedAndListsUnderStopped()
    {
        using var ecs = sandbox.Raw();
        var run = await ecs.JsonOkAsync("ecs", "RunTask",
            """{"cluster":"dev-web","taskDefinition":"worker:1","networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1"]}}}""");
        var taskArn = run.GetProperty("tasks")[0].GetProperty("taskArn").GetString()!;
        var scope = new EcsScope("111111111111", "us-east-1");
        await sandbox.Host.Ecs.WaitForTaskAsync(scope, taskArn, t => t.LastStatus == EcsStatus.Running, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = await ecs.JsonOkAsync("ecs", "StopTask", $$"""{"cluster":"dev-web","task":"{{taskArn}}","reason":"test over"}""");
        var stopped = await sandbox.Host.Ecs.WaitForTaskAsync(scope, taskArn, t => t.LastStatus == EcsStatus.Stopped, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        var listed = await ecs.JsonOkAsync("ecs", "ListTasks", """{"cluster":"dev-web","desiredStatus":"STOPPED"}""");

        Assert.Equal("STOPPED", stopping.GetProperty("task").GetProperty("desiredStatus").GetString());
        Assert.Equal(("UserInitiated", "test over"), (stopped.StopCode, stopped.StoppedReason));
        Assert.Contains(taskArn, listed.GetProperty("taskArns").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task RunTask_OverrideForUnknownContainer_FailsWithInvalidParameterException()
    {
        using var ecs = sandbox.Raw();

        var (_, error) = await ecs.JsonErrorAsync("ecs", "RunTask",
            """{"cluster":"dev-web","taskDefinition":"worker:1","networkConfiguration":{"awsvpcConfiguration":{"subnets":["s"]}},"overrides":{"containerOverrides":[{"name":"ghost","command":["x"]}]}}""");

        Assert.Equal("InvalidParameterException", error.Code);
    }

    [Fact]
    public async Task RunTask_OverridesOver8192Characters_FailsWithInvalidParameterException()
    {
        using var ecs = sandbox.Raw();
        var command = new string('x', 8200);

        var (_, error) = await ecs.JsonErrorAsync("ecs", "RunTask",
            $$$"""{"cluster":"dev-web","taskDefinition":"worker:1","networkConfiguration":{"awsvpcConfiguration":{"subnets":["s"]}},"overrides":{"containerOverrides":[{"name":"worker","command":["echo","{{{command}}}"]}]}}""");

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("8192", error.Message);
    }

    [Fact]
    public async Task RunTask_StartedByOver36Characters_FailsWithInvalidParameterException()
    {
        using var ecs = sandbox.Raw();

        var (_, error) = await ecs.JsonErrorAsync("ecs", "RunTask",
            """{"cluster":"dev-web","taskDefinition":"worker:1","startedBy":"0123456789012345678901234567890123456","networkConfiguration":{"awsvpcConfiguration":{"subnets":["s"]}}}""");

        Assert.Equal("InvalidParameterException", error.Code);
    }

    [Fact]
    public async Task RunTask_CapacityProviderStrategy_TaskRecordsTheProvider()
    {
        using var ecs = sandbox.Raw();

        var run = await ecs.JsonOkAsync("ecs", "RunTask",
            """{"cluster":"dev-web","taskDefinition":"worker:1","capacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}],"networkConfiguration":{"awsvpcConfiguration":{"subnets":["s"]}}}""");
        var task = run.GetProperty("tasks")[0];
        await ecs.JsonOkAsync("ecs", "StopTask", $$"""{"cluster":"dev-web","task":"{{task.GetProperty("taskArn").GetString()}}"}""");

        Assert.Equal("FARGATE_SPOT", task.GetProperty("capacityProviderName").GetString());
    }

    [Fact]
    public async Task RunTask_LaunchTypeAndCapacityProviderStrategy_FailsWithInvalidParameterException()
    {
        using var ecs = sandbox.Raw();

        var (_, error) = await ecs.JsonErrorAsync("ecs", "RunTask",
            """{"cluster":"dev-web","taskDefinition":"worker:1","launchType":"FARGATE","capacityProviderStrategy":[{"capacityProvider":"FARGATE"}],"networkConfiguration":{"awsvpcConfiguration":{"subnets":["s"]}}}""");

        Assert.Equal("InvalidParameterException", error.Code);
    }

    [Fact]
    public async Task DescribeTaskDefinition_UnknownFamily_FailsWithClientException()
    {
        using var ecs = sandbox.Raw();

        var (_, error) = await ecs.JsonErrorAsync("ecs", "DescribeTaskDefinition", """{"taskDefinition":"nope:9"}""");

        Assert.Equal("ClientException", error.Code);
    }

    [Fact]
    public async Task DescribeTasks_TaskOfOtherAccount_IsMissing()
    {
        using var ecs = sandbox.Raw();

        var response = await ecs.JsonOkAsync("ecs", "DescribeTasks",
            """{"cluster":"dev-web","tasks":["arn:aws:ecs:eu-west-1:222222222222:task/prod-api/33333333333333333333333333333333"]}""");

        Assert.Equal(0, response.GetProperty("tasks").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, response.GetProperty("failures")[0].ValueKind);
    }
}
