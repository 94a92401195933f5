using EcsOps.Sandbox.Tests.Support;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Api;

/// <summary>
/// An ExecuteCommandAgent in an isolated subnet connects only through an ssmmessages VPC endpoint: without one ECS Exec
/// and StartSession say TargetNotConnected although DescribeTasks shows the agent RUNNING, as in AWS.
/// </summary>
public class AgentReachabilityTests
{
    private const string World = """
        regions: [us-east-1]
        accounts:
          - id: "333333333333"
            name: lab
            accessKeyId: AKIALAB0000000000001
            secretAccessKey: lab-secret
            taskDefinitions:
              - { family: app, revision: 1, containers: [{ name: app, image: busybox }] }
            vpcs:
              - id: vpc-0aaa000000000001
                subnets:
                  - { id: subnet-0aaa00000000000a, defaultRoute: none }
              - id: vpc-0bbb000000000001
                endpoints: [ssmmessages]
                subnets:
                  - { id: subnet-0bbb00000000000b, defaultRoute: none }
            clusters:
              - name: lab
                services:
                  - name: sealed
                    taskDefinition: app:1
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0aaa00000000000a] }
                    tasks: [{ id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }]
                  - name: endpoint
                    taskDefinition: app:1
                    enableExecuteCommand: true
                    networkConfiguration: { subnets: [subnet-0bbb00000000000b] }
                    tasks: [{ id: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb }]
        """;

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "TargetNotConnectedException")]
    [InlineData("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null)]
    public async Task ExecuteCommand_IsolatedSubnet_ConnectsOnlyThroughAnSsmMessagesEndpoint(string task, string? expectedError)
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { World = WorldLoader.Parse(World, "inline"), RunContainerProcesses = false });
        using var ecs = new RawAwsClient(host.Endpoint, new Aws.Signing.AwsCredentials("AKIALAB0000000000001", "lab-secret"), "us-east-1");
        var request = $$"""{"cluster":"lab","task":"{{task}}","command":"sh","interactive":true}""";

        var described = await ecs.JsonOkAsync("ecs", "DescribeTasks", $$"""{"cluster":"lab","tasks":["{{task}}"]}""");
        var agent = described.GetProperty("tasks")[0].GetProperty("containers")[0].GetProperty("managedAgents")[0];
        Assert.Equal("RUNNING", agent.GetProperty("lastStatus").GetString());
        if (expectedError is null)
        {
            var started = await ecs.JsonOkAsync("ecs", "ExecuteCommand", request);
            Assert.False(string.IsNullOrEmpty(started.GetProperty("session").GetProperty("sessionId").GetString()));
        }
        else
        {
            var (_, error) = await ecs.JsonErrorAsync("ecs", "ExecuteCommand", request);
            Assert.Equal(expectedError, error.Code);
        }
    }
}
