using System.Text.Json;
using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// <c>--plugin</c>: ecsops asks for the session and hands it to the session-manager-plugin with the argv the AWS CLI uses.
/// The real plugin cannot be installed here, so a script that records what it was given stands in for it: these tests
/// check the contract, not a session through the real plugin.
/// </summary>
[Collection(LabSandboxCollection.Name)]
public sealed class PluginTests(LabSandboxFixture sandbox)
{
    [Fact]
    public async Task Exec_PluginOnPath_GetsTheSessionInItsVariableAndTheArgvOfTheAwsCli()
    {
        using var plugin = new FakeSessionManagerPlugin();

        var result = await RunAsync(plugin, ["exec", "--plugin", "sealed", "--", "sh", "-c", "exit 3"], exitCode: 7);

        Assert.True(result.ExitCode == 7, result.ToString());
        var run = Assert.Single(plugin.Runs());
        Assert.Equal(6, run.Arguments.Count);
        Assert.Equal("AWS_SSM_START_SESSION_RESPONSE", run.Arguments[0]);
        Assert.Equal("us-east-1", run.Arguments[1]);
        Assert.Equal("StartSession", run.Arguments[2]);
        Assert.Equal("", run.Arguments[3]);
        var target = JsonDocument.Parse(run.Arguments[4]).RootElement.GetProperty("Target").GetString();
        Assert.StartsWith($"ecs:sealed_{LabSandboxFixture.SealedTask}_", target, StringComparison.Ordinal);
        Assert.Equal(sandbox.Environment["AWS_ENDPOINT_URL"], run.Arguments[5].TrimEnd('/'));

        // The ECS ExecuteCommand session object, token and all, only in the variable: not in argv, where ps shows it.
        var response = JsonDocument.Parse(run.ResponseVariable).RootElement;
        var sessionId = response.GetProperty("sessionId").GetString()!;
        Assert.False(string.IsNullOrEmpty(response.GetProperty("tokenValue").GetString()));
        Assert.Contains(sessionId, response.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Arguments, a => a.Contains(response.GetProperty("tokenValue").GetString()!, StringComparison.Ordinal));
        var session = sandbox.Host.Sessions.Find(sessionId);
        Assert.NotNull(session);
        Assert.Equal(target, session.Target);
        Assert.Equal(EcsOps.Sandbox.Ecs.EcsApi.ExecuteCommandDocument, session.DocumentName);

        // The plugin has the session owner's credentials, not a profile; ecsops ends the session after it.
        Assert.Equal(sandbox.Environment["AWS_ACCESS_KEY_ID"], run.AccessKeyId);
        Assert.Equal("unset", run.Profile);
        Assert.Equal(SessionState.Terminated, session.State);
    }

    [Fact]
    public async Task Exec_PluginAtAPath_OldVersion_GetsTheSessionJsonInArgv()
    {
        using var plugin = new FakeSessionManagerPlugin();

        var result = await RunAsync(plugin, ["exec", "--plugin", plugin.Path, "sealed"], version: "1.2.497.0", onPath: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = Assert.Single(plugin.Runs());
        var response = JsonDocument.Parse(run.Arguments[0]).RootElement;
        Assert.NotNull(sandbox.Host.Sessions.Find(response.GetProperty("sessionId").GetString()!));
        Assert.Equal("unset", run.ResponseVariable);
    }

    [Fact]
    public async Task Forward_Plugin_OneRunPerForwardWithThePortDocumentAndItsParameters()
    {
        using var plugin = new FakeSessionManagerPlugin();

        var result = await RunAsync(plugin, ["forward", "--plugin", "sealed", "0:80", "15432:db.internal:5432"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var requests = plugin.Runs().Select(r => JsonDocument.Parse(r.Arguments[4]).RootElement).ToList();
        Assert.Equal(2, requests.Count);
        var toContainer = Assert.Single(requests, r => r.GetProperty("DocumentName").GetString() == "AWS-StartPortForwardingSession");
        Assert.Equal("80", toContainer.GetProperty("Parameters").GetProperty("portNumber")[0].GetString());
        var localPort = toContainer.GetProperty("Parameters").GetProperty("localPortNumber")[0].GetString();
        Assert.Contains($"forwarding 127.0.0.1:{localPort} -> ", result.StandardOutput, StringComparison.Ordinal);
        var toHost = Assert.Single(requests, r => r.GetProperty("DocumentName").GetString() == "AWS-StartPortForwardingSessionToRemoteHost");
        Assert.Equal("db.internal", toHost.GetProperty("Parameters").GetProperty("host")[0].GetString());
        Assert.Equal("15432", toHost.GetProperty("Parameters").GetProperty("localPortNumber")[0].GetString());
        Assert.All(plugin.Runs(), run => Assert.Contains("\"SessionId\"", run.ResponseVariable, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("exec", "--plugin", "sealed", "--", "true")]
    [InlineData("exec", "--plugin", "/nonexistent/session-manager-plugin", "sealed", "--", "true")]
    [InlineData("forward", "--plugin", "sealed", "0:80")]
    public async Task Plugin_NotFound_OneErrorLineExit255(params string[] arguments)
    {
        using var plugin = new FakeSessionManagerPlugin();
        var sessionsBefore = sandbox.Host.Sessions.All().Count;

        var result = await RunAsync(plugin, arguments, onPath: false);

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("session-manager-plugin was not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(plugin.Runs());

        // Checked before any session is asked for, as the AWS CLI does.
        Assert.Equal(sessionsBefore, sandbox.Host.Sessions.All().Count);
    }

    private async Task<CliResult> RunAsync(
        FakeSessionManagerPlugin plugin, string[] arguments, int exitCode = 0, string? version = null, bool onPath = true)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var extra = new Dictionary<string, string>
        {
            ["PATH"] = onPath ? $"{plugin.Directory}:{path}" : path,
            ["FAKE_PLUGIN_EXIT"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (version is not null)
        {
            extra["FAKE_PLUGIN_VERSION"] = version;
        }

        await using var process = sandbox.Start(arguments, extra: extra);
        process.StandardInput.Close();
        return await process.WaitAsync();
    }
}
