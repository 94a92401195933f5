using System.Net;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Aws.Audit;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops forward` and the audit trail.</summary>
public sealed partial class ForwardCommandTests
{
    private const int Sigint = 2;

    [Fact]
    public async Task Forward_Audited_RunIdInTheSessionReasonAndBytesInTheEndEvent()
    {
        using var audit = AuditSetup.WithFile();
        await using var forward = sandbox.Start([.. audit.Config, "forward", "dev-web/web", "0:80", "--reason", "INC-9 look at the web"], captureStdout: false);
        var (port, _) = await ReadForwardingLineAsync(forward);
        var start = Assert.Single(audit.Events());
        using (var http = new HttpClient { Timeout = s_deadline })
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Read back as an operator would: SSM DescribeSessions shows the run id in the session's Reason.
        using var ssm = sandbox.Clients().CreateSsm("us-east-1", sandbox.DevCredentials);
        var active = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.Active });
        var session = Assert.Single(active.Sessions, s => s.Reason?.StartsWith($"ecsops:{start.RunId}", StringComparison.Ordinal) == true);
        Assert.Equal($"ecsops:{start.RunId} INC-9 look at the web", session.Reason);

        forward.Signal(Sigint);
        var result = await forward.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        var end = audit.Events()[^1];
        Assert.Equal((start.RunId, AuditPhase.End, AuditResult.Interrupted), (end.RunId, end.Phase, end.Result!.Value));
        Assert.Equal((AuditActions.Forward, "0:80"), (start.Action, start.Command));
        Assert.Equal([session.SessionId], end.Sessions!);
        Assert.True(end.BytesSent > 0 && end.BytesReceived > 100, $"sent {end.BytesSent}, received {end.BytesReceived}");
    }
}
