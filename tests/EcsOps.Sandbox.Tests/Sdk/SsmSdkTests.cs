using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Support;
using SessionState = EcsOps.Sandbox.Ssm.SessionState;
using DescribeSessionsRequest = Amazon.SimpleSystemsManagement.Model.DescribeSessionsRequest;
using SessionFilter = Amazon.SimpleSystemsManagement.Model.SessionFilter;
using StartSessionRequest = Amazon.SimpleSystemsManagement.Model.StartSessionRequest;

namespace EcsOps.Sandbox.Tests.Sdk;

[Collection(SandboxCollection.Name)]
public class SsmSdkTests(SandboxFixture sandbox)
{
    private async Task<string> TargetOfAsync(string cluster, string taskId, string account = "111111111111", string region = "us-east-1")
    {
        var task = await Task.FromResult(sandbox.Host.Ecs.Read(new Ecs.EcsScope(account, region), r => r.Clusters[cluster].Tasks[taskId]));
        return $"ecs:{cluster}_{taskId}_{task.Containers[0].RuntimeId}";
    }

    [Fact]
    public async Task StartSession_ExecEnabledTask_RecordsSessionWithStreamUrlAndToken()
    {
        using var ssm = sandbox.Ssm();
        var target = await TargetOfAsync("dev-web", "11111111111111111111111111111111");

        var response = await ssm.StartSessionAsync(new StartSessionRequest { Target = target, Reason = "ecsops test" });

        Assert.StartsWith("sandbox-user-", response.SessionId, StringComparison.Ordinal);
        Assert.Equal($"ws://127.0.0.1:{sandbox.Host.Port}/v1/data-channel/{response.SessionId}?role=publish_subscribe", response.StreamUrl);
        var session = sandbox.Host.Sessions.Find(response.SessionId)!;
        Assert.Equal((target, SessionDocuments.DefaultShell, SessionState.Connecting), (session.Target, session.DocumentName, session.State));
        Assert.True(sandbox.Host.Sessions.IsValidToken(response.SessionId, response.TokenValue));
    }

    [Fact]
    public async Task DescribeSessions_ActiveThenHistory_ListsTheSessionWithItsReason()
    {
        using var ssm = sandbox.Ssm();
        var target = await TargetOfAsync("dev-web", "11111111111111111111111111111111");
        var reason = "ecsops:01JQ0000000000000000000000 INC-7 " + Guid.NewGuid();
        var started = await ssm.StartSessionAsync(new StartSessionRequest { Target = target, Reason = reason });
        var byId = new List<SessionFilter> { new() { Key = Amazon.SimpleSystemsManagement.SessionFilterKey.SessionId, Value = started.SessionId } };

        var active = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = "Active", Filters = byId });
        await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = started.SessionId });
        var activeAfter = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = "Active", Filters = byId });
        var history = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = "History", Filters = byId });

        var listed = Assert.Single(active.Sessions);
        Assert.Equal((reason, target, "arn:aws:iam::111111111111:user/sandbox-user"), (listed.Reason, listed.Target, listed.Owner));
        Assert.True(listed.StartDate > DateTime.UtcNow.AddMinutes(-5), listed.StartDate.ToString());
        Assert.Empty(activeAfter.Sessions);
        Assert.Equal("Terminated", Assert.Single(history.Sessions).Status.Value);
    }

    [Fact]
    public async Task StartSession_PortForwardingDocument_KeepsParameters()
    {
        using var ssm = sandbox.Ssm();
        var target = await TargetOfAsync("dev-web", "11111111111111111111111111111111");

        var response = await ssm.StartSessionAsync(new StartSessionRequest
        {
            Target = target,
            DocumentName = "AWS-StartPortForwardingSessionToRemoteHost",
            Parameters = new Dictionary<string, List<string>> { ["host"] = ["db.internal"], ["portNumber"] = ["5432"], ["localPortNumber"] = ["15432"] },
        });

        var session = sandbox.Host.Sessions.Find(response.SessionId)!;
        Assert.Equal(["db.internal"], session.Parameters["host"]);
        Assert.Equal(["5432"], session.Parameters["portNumber"]);
    }

    [Fact]
    public async Task StartSession_ExecDisabledTask_FailsWithTargetNotConnected()
    {
        using var ssm = sandbox.Ssm();
        var target = await TargetOfAsync("dev-web", "22222222222222222222222222222222");

        await Assert.ThrowsAsync<TargetNotConnectedException>(() => ssm.StartSessionAsync(new StartSessionRequest { Target = target }));
    }

    [Fact]
    public async Task StartSession_AgentNotRunning_FailsWithTargetNotConnected()
    {
        using var ssm = sandbox.Ssm(sandbox.Prod, "eu-west-1");
        var target = await TargetOfAsync("prod-api", "44444444444444444444444444444444", "222222222222", "eu-west-1");

        await Assert.ThrowsAsync<TargetNotConnectedException>(() => ssm.StartSessionAsync(new StartSessionRequest { Target = target }));
    }

    [Theory]
    [InlineData("ecs:dev-web_ffffffffffffffffffffffffffffffff_ffffffffffffffffffffffffffffffff-1")]
    [InlineData("i-0123456789abcdef0")]
    public async Task StartSession_UnknownTarget_FailsWithTargetNotConnected(string target)
    {
        using var ssm = sandbox.Ssm();

        await Assert.ThrowsAsync<TargetNotConnectedException>(() => ssm.StartSessionAsync(new StartSessionRequest { Target = target }));
    }

    [Fact]
    public async Task StartSession_UnknownDocument_FailsWithInvalidDocument()
    {
        using var ssm = sandbox.Ssm();
        var target = await TargetOfAsync("dev-web", "11111111111111111111111111111111");

        await Assert.ThrowsAsync<InvalidDocumentException>(() =>
            ssm.StartSessionAsync(new StartSessionRequest { Target = target, DocumentName = "AWS-NoSuchDocument" }));
    }

    [Fact]
    public async Task ResumeSession_ThenTerminate_IssuesFreshTokenThenRefusesResume()
    {
        using var ssm = sandbox.Ssm();
        var target = await TargetOfAsync("dev-web", "11111111111111111111111111111111");
        var started = await ssm.StartSessionAsync(new StartSessionRequest { Target = target });

        var resumed = await ssm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = started.SessionId });
        var terminated = await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = started.SessionId });

        Assert.NotEqual(started.TokenValue, resumed.TokenValue);
        Assert.Equal(started.SessionId, terminated.SessionId);
        Assert.Equal(SessionState.Terminated, sandbox.Host.Sessions.Find(started.SessionId)!.State);
        Assert.False(sandbox.Host.Sessions.IsValidToken(started.SessionId, resumed.TokenValue));
        await Assert.ThrowsAsync<DoesNotExistException>(() => ssm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = started.SessionId }));
    }

    [Fact]
    public async Task ResumeSession_SessionOfAnotherAccount_FailsWithDoesNotExist()
    {
        using var devSsm = sandbox.Ssm();
        using var prodSsm = sandbox.Ssm(sandbox.Prod);
        var started = await devSsm.StartSessionAsync(new StartSessionRequest { Target = await TargetOfAsync("dev-web", "11111111111111111111111111111111") });

        await Assert.ThrowsAsync<DoesNotExistException>(() => prodSsm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = started.SessionId }));
    }
}
