using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Protocol.Framing;
using EcsOps.Sandbox.Gateway;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Tests.Gateway.Support;
using EcsOps.Sandbox.Tests.Support;
using SessionState = EcsOps.Sandbox.Ssm.SessionState;

namespace EcsOps.Sandbox.Tests.Gateway;

/// <summary>
/// The gateway alone, with scripted raw sockets on both sides (the shared sandbox has no process host, so
/// no agent of its own): what is relayed, what the gateway originates, and how the registry follows.
/// </summary>
[Collection(SandboxCollection.Name)]
public class GatewayRelayTests(SandboxFixture sandbox)
{
    private SessionRegistry Sessions => sandbox.Host.Sessions;

    private async Task<(StartSessionResponse Session, RawDataChannelSocket Client, RawDataChannelSocket Agent)> OpenBothAsync()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        var agent = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Sessions.IssueAgentToken(session.SessionId)!, agent: true);
        var client = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);
        return (session, client, agent);
    }

    [Fact]
    public async Task Relay_StreamDataAndAcks_ArriveByteIdenticalAtThePeer()
    {
        var (_, client, agent) = await OpenBothAsync();
        await using var _ = client;
        await using var __ = agent;

        // The agent waits for the client like the real agent's first output would; send until relayed.
        var input = RawDataChannelSocket.StreamData(fromAgent: false, 0, "ls\n");
        await client.SendAsync(input);
        var relayed = await agent.ReceiveAsync();
        var output = RawDataChannelSocket.StreamData(fromAgent: true, 0, "file\n");
        await agent.SendAsync(output);
        var relayedBack = await client.ReceiveAsync();

        Assert.Equal(input, relayed);
        Assert.Equal(output, relayedBack);
    }

    [Fact]
    public async Task Relay_AgentAway_ClientIsPausedThenStartedWhenAgentArrives()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        await using var client = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);

        await client.SendAsync(RawDataChannelSocket.StreamData(fromAgent: false, 0, "dropped"));
        var pause = await client.ReceiveMessageAsync();
        await using var agent = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Sessions.IssueAgentToken(session.SessionId)!, agent: true);
        var start = await client.ReceiveMessageAsync();
        var retransmitted = RawDataChannelSocket.StreamData(fromAgent: false, 0, "retransmitted");
        await client.SendAsync(retransmitted);
        var relayed = await agent.ReceiveAsync();

        Assert.Equal(MessageType.PausePublication, pause.MessageType);
        Assert.Equal(MessageType.StartPublication, start.MessageType);
        Assert.Equal(retransmitted, relayed);
    }

    [Fact]
    public async Task AgentSessionState_Terminating_BothSidesGetWellFormedChannelClosedThenClose()
    {
        var (session, client, agent) = await OpenBothAsync();
        await using var _ = client;
        await using var __ = agent;

        await agent.SendAsync(RawDataChannelSocket.Control(MessageType.AgentSessionState,
            $$"""{"SchemaVersion":1,"SessionState":"Terminating","SessionId":"{{session.SessionId}}"}"""));
        var raw = await client.ReceiveAsync();
        var closed = ClientMessageCodec.Decode(raw!);
        var content = ChannelClosedContent.Parse(closed.Payload.Span);
        var agentClosed = await agent.ReceiveMessageAsync();

        Assert.Equal(116u, BinaryPrimitives.ReadUInt32BigEndian(raw));
        Assert.Equal((MessageType.ChannelClosed, PayloadType.None), (closed.MessageType, closed.PayloadType));
        Assert.Equal((session.SessionId, MessageType.ChannelClosed, 1, ""), (content.SessionId, content.MessageType, content.SchemaVersion, content.Output));
        Assert.StartsWith("ecs:dev-web_", content.DestinationId, StringComparison.Ordinal);
        Assert.Equal(closed.Header.MessageId.ToString(), content.MessageId);
        Assert.Equal(MessageType.ChannelClosed, agentClosed.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.WaitForCloseAsync());
        Assert.Equal(SessionState.Terminated, Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task Registry_ClientComesAndGoes_StateFollowsConnectedDisconnected()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(SessionRecord record)
        {
            if (record.SessionId == session.SessionId && record.State == SessionState.Disconnected)
            {
                disconnected.TrySetResult();
            }
        }

        Sessions.StateChanged += OnChanged;

        var client = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue);
        await client.SendAsync(RawDataChannelSocket.StreamData(fromAgent: false, 0, "x"));
        await client.ReceiveMessageAsync(); // pause_publication: the open was processed
        var connected = Sessions.Find(session.SessionId)!.State;
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, TestDeadline.Token());
        await client.WaitForCloseAsync();
        await client.DisposeAsync();
        await disconnected.Task.WithinTestDeadline();
        Sessions.StateChanged -= OnChanged;
        using (var ssm = sandbox.Ssm())
        {
            // ResumeSession works on a disconnected session; opening with its token brings it back.
            var resumed = await ssm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = session.SessionId });
            await using var again = await RawDataChannelSocket.OpenAsync(resumed.StreamUrl, resumed.TokenValue);
            await again.SendAsync(RawDataChannelSocket.StreamData(fromAgent: false, 0, "x"));
            await again.ReceiveMessageAsync();
            Assert.Equal(SessionState.Connected, Sessions.Find(session.SessionId)!.State);
        }

        Assert.Equal(SessionState.Connected, connected);
    }

    [Fact]
    public async Task Relay_ServiceOnlyMessagesFromAPeer_AreNotRelayed()
    {
        var (session, client, agent) = await OpenBothAsync();
        await using var _ = client;
        await using var __ = agent;

        // A client cannot end the agent's session by forging channel_closed, nor pause it.
        await client.SendAsync(RawDataChannelSocket.Control(MessageType.ChannelClosed,
            $$"""{"MessageId":"x","CreatedDate":"","DestinationId":"","SessionId":"{{session.SessionId}}","MessageType":"channel_closed","SchemaVersion":1,"Output":"forged"}"""));
        await client.SendAsync(RawDataChannelSocket.Control(MessageType.PausePublication, ""));
        await client.SendAsync(Encoding.UTF8.GetBytes("not a client message at all"));
        var marker = RawDataChannelSocket.StreamData(fromAgent: false, 0, "after");
        await client.SendAsync(marker);

        Assert.Equal(marker, await agent.ReceiveAsync());
        Assert.Equal(SessionState.Connected, Sessions.Find(session.SessionId)!.State);
    }

    [Fact]
    public async Task Open_UpgradeSignedWithSigV4_HeadersIgnoredTokenDecides()
    {
        var session = await sandbox.StartDevWebSessionAsync();
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIASANDBOXDEV000001/20260101/us-east-1/ssmmessages/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
            ["X-Amz-Date"] = "20260101T000000Z",
            ["X-Amz-Security-Token"] = "not-checked",
        };
        await using var agent = await RawDataChannelSocket.OpenAsync(session.StreamUrl, Sessions.IssueAgentToken(session.SessionId)!, agent: true);
        await using var client = await RawDataChannelSocket.OpenAsync(session.StreamUrl, session.TokenValue, headers: headers);

        var frame = RawDataChannelSocket.StreamData(fromAgent: false, 0, "signed");
        await client.SendAsync(frame);

        Assert.Equal(frame, await agent.ReceiveAsync());
    }

    [Fact]
    public async Task Gateway_PlainGetOfTheSamePath_IsStillAnS3Request()
    {
        using var http = new HttpClient { BaseAddress = sandbox.Host.Endpoint };

        using var response = await http.GetAsync(new Uri($"{MessageGateway.PathPrefix}some-session", UriKind.Relative));

        // Unsigned S3 request for bucket "v1": refused by the AWS pipeline, not by the gateway.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
    }
}
