using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;
using StartSessionRequest = Amazon.SimpleSystemsManagement.Model.StartSessionRequest;

namespace EcsOps.Sandbox.Tests.Agent;

/// <summary>The agent's own rules on the real container runtime: pacing like AWS by default, targets it cannot reach, processes that will not start.</summary>
[Collection(SessionSandboxCollection.Name)]
public class ContainerAgentTests(SessionSandboxFixture fixture)
{
    private SessionSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Pacing_DefaultOptions_AgentPaces1MsLikeAwsAndSessionsStillWork()
    {
        await using var sandbox = await SessionSandbox.StartAsync(o => o with { AgentPacing = new SandboxOptions().AgentPacing });
        var session = await sandbox.ExecuteCommandAsync("sh -c 'echo paced'");
        await using var client = await sandbox.OpenClientAsync(session);
        var output = new OutputCollector(new ShellSessionClient(client.Channel));

        await output.Completion.WithinTestDeadline();

        Assert.Equal(TimeSpan.FromMilliseconds(1), sandbox.Host.Agent.Options.Pacing);
        Assert.Contains("paced", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pacing_ProcessWritesFasterThanThePaceThenExits_AllOutputArrivesBeforeTheSessionEnds()
    {
        // 4 MB takes ~4 s at the agent's pace; the process is done long before. The pace must hold back the
        // reads of the PTY, not pile data up behind the channel where the agent's bounded flush would drop it.
        await using var sandbox = await SessionSandbox.StartAsync(o => o with { AgentPacing = new SandboxOptions().AgentPacing });
        var session = await sandbox.ExecuteCommandAsync("sh -c 'head -c 2000000 /dev/zero | od -An -v -tx1 | head -c 4000000; echo; echo END-OF-OUTPUT'");
        await using var client = await sandbox.OpenClientAsync(session);
        var output = new OutputCollector(new ShellSessionClient(client.Channel));

        await output.Completion.WithinTestDeadline();

        Assert.Contains("END-OF-OUTPUT", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSession_PreferencesKmsKey_CommandSessionEncryptedEndToEnd()
    {
        await using var sandbox = await SessionSandbox.StartAsync(o => o with { SessionPreferencesKmsKeyId = "alias/ecsops" });
        var session = await sandbox.StartSessionAsync(SessionDocuments.NonInteractiveCommand, new()
        {
            ["command"] = ["sh -c 'echo sealed; echo also-sealed >&2; exit 4'"],
            ["separateOutputStream"] = ["true"],
        });
        await using var client = await sandbox.OpenClientAsync(session);
        using var kms = sandbox.Raw();

        var handshake = await new ClientHandshake(new ClientHandshakeOptions
        {
            KmsDataKeyGenerator = new SandboxKmsDataKeyGenerator(kms),
            SessionId = session.SessionId,
            TargetId = session.Target,
        }).RunAsync(client.Channel, TestDeadline.Token()).WithinTestDeadline();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = await new CommandSessionClient(client.Channel, handshake.Session.Cipher)
            .RunAsync(stdout, stderr, TestDeadline.Token()).WithinTestDeadline();

        Assert.True(handshake.Session.IsEncrypted);
        Assert.Equal(4, result.ExitCode);
        Assert.Equal("sealed\n", System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("also-sealed\n", System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task StartSessionAndExecuteCommand_SidecarExitedWhileTaskRuns_TargetNotConnected()
    {
        // envoy is not essential: when its process exits the task keeps RUNNING, but the container is gone.
        var taskId = await Sandbox.RunTaskAsync("api", new Dictionary<string, string[]> { ["envoy"] = ["true"] },
            SessionSandbox.KmsCluster, Sandbox.Prod, SessionSandbox.KmsRegion, "subnet-0prod000000000001");
        var scope = new EcsScope(Sandbox.Prod.Id, SessionSandbox.KmsRegion);
        var task = await Sandbox.Host.Ecs.WaitForTaskAsync(scope, taskId, t => t.Containers.Single(c => c.Name == "envoy").LastStatus == EcsStatus.Stopped,
            CancellationToken.None).WithinTestDeadline();
        var target = Sandbox.TargetOf(SessionSandbox.KmsCluster, taskId, Sandbox.Prod, SessionSandbox.KmsRegion, "envoy");
        using var ssm = Sandbox.Ssm(Sandbox.Prod, SessionSandbox.KmsRegion);
        using var ecs = Sandbox.Raw(Sandbox.Prod, SessionSandbox.KmsRegion);
        try
        {
            await Assert.ThrowsAsync<TargetNotConnectedException>(() => ssm.StartSessionAsync(new StartSessionRequest { Target = target }));
            var (status, error) = await ecs.JsonErrorAsync("ecs", "ExecuteCommand",
                $$"""{"cluster":"{{SessionSandbox.KmsCluster}}","task":"{{taskId}}","container":"envoy","command":"sh","interactive":true}""");

            Assert.Equal(EcsStatus.Running, task.LastStatus);
            Assert.Equal((400, "TargetNotConnectedException"), (status, error.Code));
            Assert.DoesNotContain(Sandbox.Host.Sessions.All(), s => s.Target == target);
        }
        finally
        {
            await Sandbox.StopTaskAsync(taskId, SessionSandbox.KmsCluster, Sandbox.Prod, SessionSandbox.KmsRegion);
        }
    }

    [Fact]
    public async Task ExecuteCommand_ProgramMissing_ReasonPrintedThenChannelClosed()
    {
        var session = await Sandbox.ExecuteCommandAsync("/no/such/shell -i");
        await using var client = await Sandbox.OpenClientAsync(session);
        var output = new OutputCollector(new ShellSessionClient(client.Channel));

        await output.Completion.WithinTestDeadline();

        Assert.StartsWith("/no/such/shell: cannot start: ", output.Text, StringComparison.Ordinal);
        Assert.Equal(SessionState.Terminated, Sandbox.Host.Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task StartSession_UnsplittableCommand_SessionEndsWithoutAProcess()
    {
        var terminated = new TaskCompletionSource<SessionRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnTerminated(SessionRecord record) => terminated.TrySetResult(record);
        Sandbox.Host.Sessions.Terminated += OnTerminated;
        try
        {
            // Processes start only once a client connects; none does, so the session ending shows the agent gave up at once.
            var session = await Sandbox.StartSessionAsync(SessionDocuments.InteractiveCommand, new() { ["command"] = ["echo 'unterminated"] });
            var ended = await terminated.Task.WithinTestDeadline();

            Assert.Equal(session.SessionId, ended.SessionId);
            Assert.Equal(SessionState.Terminated, ended.State);
        }
        finally
        {
            Sandbox.Host.Sessions.Terminated -= OnTerminated;
        }
    }
}
