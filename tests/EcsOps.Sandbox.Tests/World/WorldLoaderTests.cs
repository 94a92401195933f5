using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.World;

public class WorldLoaderTests
{
    [Fact]
    public void LoadDefault_BuiltInWorld_HasTwoAccountsTwoRegionsAndExecProblemsToFind()
    {
        var world = WorldLoader.LoadDefault();

        Assert.Equal(2, world.Accounts.Count);
        Assert.Equal(["us-east-1", "eu-west-1"], world.Regions);
        var services = world.Accounts.SelectMany(a => a.Clusters).SelectMany(c => c.Services).ToList();
        Assert.Contains(services, s => !s.EnableExecuteCommand && s.Tasks.Count > 0);
        Assert.Contains(services.SelectMany(s => s.Tasks).SelectMany(t => t.Containers), c => c.AgentStatus is not null and not "RUNNING");
    }

    [Theory]
    [InlineData("regions: []\naccounts: []", "at least one region")]
    [InlineData("regions: [us-east-1]\naccounts:\n  - {id: '12', accessKeyId: AKIA0000000000000001, secretAccessKey: s}", "twelve digits")]
    [InlineData("regions: [us-east-1]\naccounts:\n  - id: '111111111111'\n    accessKeyId: AKIA0000000000000001\n    secretAccessKey: s\n    clusters:\n      - name: c\n        services: [{name: web, taskDefinition: 'web:1'}]", "unknown task definition 'web:1'")]
    [InlineData("regions: [us-east-1]\naccounts:\n  - id: '111111111111'\n    accessKeyId: AKIA0000000000000001\n    secretAccessKey: s\n    secrets: [{name: x, region: mars-1}]", "region mars-1")]
    [InlineData("regions: [us-east-1\n", "world.yaml")]
    public void Parse_InconsistentWorld_ThrowsWorldExceptionNamingTheProblem(string yaml, string expected)
    {
        var error = Assert.Throws<WorldException>(() => WorldLoader.Parse(yaml, "world.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CustomWorld_ServesItsOwnAccount()
    {
        var world = WorldLoader.Parse("""
            regions: [eu-central-1]
            accounts:
              - id: "333333333333"
                name: custom
                accessKeyId: AKIACUSTOM0000000001
                secretAccessKey: custom-secret
                taskDefinitions:
                  - { family: app, revision: 7, containers: [{ name: app, image: busybox }] }
                clusters:
                  - name: only
                    tasks: [{ taskDefinition: "app:7" }]
            """, "inline");
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { World = world });
        using var ecs = new Support.RawAwsClient(host.Endpoint, new Aws.Signing.AwsCredentials("AKIACUSTOM0000000001", "custom-secret"), "eu-central-1");

        var tasks = await ecs.JsonOkAsync("ecs", "ListTasks", """{"cluster":"only"}""");

        Assert.Single(tasks.GetProperty("taskArns").EnumerateArray());
        Assert.Equal("http://127.0.0.1:" + host.Port, host.EnvironmentFor()["AWS_ENDPOINT_URL"]);
    }
}
