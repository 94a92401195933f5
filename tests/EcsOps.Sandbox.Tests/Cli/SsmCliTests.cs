using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Support;

namespace EcsOps.Sandbox.Tests.Cli;

/// <summary>
/// `aws ssm start-session` calls StartSession and then launches session-manager-plugin. The plugin is not
/// installed here, so the CLI must report that and call TerminateSession: both API calls reach the sandbox.
/// </summary>
[Collection(SandboxCollection.Name)]
public class SsmCliTests(SandboxFixture sandbox)
{
    private const string WebTaskId = "11111111111111111111111111111111";

    [Fact]
    public async Task StartSession_WithoutPlugin_SessionStartedThenTerminatedByTheCli()
    {
        var runtimeId = sandbox.Host.Ecs.Read(new Ecs.EcsScope(sandbox.Dev.Id, "us-east-1"), r => r.Clusters["dev-web"].Tasks[WebTaskId].Containers[0].RuntimeId);
        var target = $"ecs:dev-web_{WebTaskId}_{runtimeId}";
        var before = sandbox.Host.Sessions.All().Select(s => s.SessionId).ToHashSet();

        var result = await sandbox.Cli.RunAsync("ssm", "start-session", "--target", target,
            "--document-name", "AWS-StartPortForwardingSession", "--parameters", "portNumber=8080,localPortNumber=0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SessionManagerPlugin is not found", result.Stdout + result.Stderr, StringComparison.Ordinal);
        var session = Assert.Single(sandbox.Host.Sessions.All(), s => !before.Contains(s.SessionId));
        Assert.Equal(target, session.Target);
        Assert.Equal("AWS-StartPortForwardingSession", session.DocumentName);
        Assert.Equal(SessionState.Terminated, session.State);
    }

    [Fact]
    public async Task StartSession_UnknownTarget_TargetNotConnected()
    {
        var result = await sandbox.Cli.RunAsync("ssm", "start-session", "--target", "ecs:dev-web_ffffffffffffffffffffffffffffffff_x-1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("TargetNotConnected", result.Stderr, StringComparison.Ordinal);
    }
}
