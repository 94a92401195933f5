using System.Text.Json;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops ls` as a process against the sandbox, in both output formats.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class LsCommandTests(CliSandboxFixture sandbox)
{
    [Fact]
    public async Task Ls_JsonOutput_ListsContainersWithExecReadiness()
    {
        var result = await sandbox.RunAsync("ls", "dev-web", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutputBytes);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("container").GetString()!);
        Assert.Equal(["app", "worker"], rows.Keys.Order());

        var app = rows["app"];
        Assert.Equal("111111111111", app.GetProperty("accountId").GetString());
        Assert.Equal("us-east-1", app.GetProperty("region").GetString());
        Assert.Equal("dev-web", app.GetProperty("cluster").GetString());
        Assert.Equal("web", app.GetProperty("service").GetString());
        Assert.Equal("11111111111111111111111111111111", app.GetProperty("taskId").GetString());
        Assert.Equal("RUNNING", app.GetProperty("status").GetString());
        Assert.True(app.GetProperty("execReady").GetBoolean());
        Assert.StartsWith("ecs:dev-web_11111111111111111111111111111111_", app.GetProperty("ssmTarget").GetString());

        var worker = rows["worker"];
        Assert.False(worker.GetProperty("execReady").GetBoolean());
        Assert.Contains("enableExecuteCommand", Assert.Single(worker.GetProperty("execProblems").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Ls_TableOutput_HeaderThenOneLinePerContainer()
    {
        var result = await sandbox.RunAsync("ls", "dev-web");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["ACCOUNT", "REGION", "CLUSTER", "SERVICE", "TASK", "CONTAINER", "STATUS", "EXEC"], Words(lines[0]));
        Assert.Equal(
            ["111111111111", "us-east-1", "dev-web", "web", "11111111111111111111111111111111", "app", "RUNNING", "ready"], Words(lines[1]));
        Assert.Equal(
            ["111111111111", "us-east-1", "dev-web", "worker", "22222222222222222222222222222222", "worker", "RUNNING", "disabled"],
            Words(lines[2]));
        Assert.DoesNotContain('\u001b', result.StandardOutput); // no colour codes into a pipe
    }

    [Fact]
    public async Task Ls_NothingMatches_JsonIsAnEmptyListAndTableSaysSoOnStderr()
    {
        var json = await sandbox.RunAsync("ls", "no-such-cluster", "-o", "json");
        var table = await sandbox.RunAsync("ls", "no-such-cluster");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json.StandardOutputBytes).RootElement.ValueKind);
        Assert.Equal(0, JsonDocument.Parse(json.StandardOutputBytes).RootElement.GetArrayLength());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Empty(table.StandardOutputBytes);
        Assert.Contains("no containers match no-such-cluster", table.StandardError);
    }

    [Fact]
    public async Task Ls_ConfiguredAccounts_ListsTheOtherAccountThroughItsRole()
    {
        var config = Path.Combine(sandbox.Home, "two-accounts.yaml");
        await File.WriteAllTextAsync(config, """
            accounts:
              - { id: "111111111111", name: dev, regions: [us-east-1] }
              - { id: "222222222222", name: prod, regions: [eu-west-1] }
            defaults:
              roleName: EcsOpsAccess
              cacheTtl: 0
            """);

        var result = await sandbox.RunAsync("--config", config, "ls", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = JsonDocument.Parse(result.StandardOutputBytes).RootElement.EnumerateArray().ToList();
        var prod = rows.Where(r => r.GetProperty("account").GetString() == "prod").ToList();
        Assert.Contains(prod, r => r.GetProperty("cluster").GetString() == "prod-api" && r.GetProperty("container").GetString() == "api"
                                   && r.GetProperty("execReady").GetBoolean());
        Assert.Contains(prod, r => r.GetProperty("taskId").GetString() == "44444444444444444444444444444444"
                                   && !r.GetProperty("execReady").GetBoolean());
        Assert.Contains(rows, r => r.GetProperty("account").GetString() == "dev");
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
