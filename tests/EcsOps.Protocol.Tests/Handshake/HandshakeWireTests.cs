using System.Text;
using System.Text.Json;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Encryption;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Handshake;

/// <summary>One real handshake end against a scripted peer: exact bytes, misbehaviour, timeouts.</summary>
public class HandshakeWireTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private static async Task<StreamData> ExpectAsync(PerfectStreamDataChannel channel, PayloadType type)
    {
        var message = await channel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline);
        Assert.NotNull(message);
        Assert.Equal(type, message.Value.PayloadType);
        return message.Value;
    }

    private static string Text(StreamData message) => Encoding.UTF8.GetString(message.Payload.Span);

    private static ValueTask SendAsync(PerfectStreamDataChannel channel, PayloadType type, string json) =>
        channel.SendAsync(type, Encoding.UTF8.GetBytes(json), CancellationToken.None);

    [Fact]
    public async Task AgentHandshake_NonInteractiveCommands_WritesFactSheetRequestJson()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        _ = new AgentHandshake().RunAsync(agent, new AgentSessionParameters(SessionType.NonInteractiveCommands), CancellationToken.None);

        var request = await ExpectAsync(client, PayloadType.HandshakeRequest);

        Assert.Equal(
            """{"AgentVersion":"3.3.1142.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"NonInteractiveCommands","Properties":null}}]}""",
            Text(request));
    }

    [Fact]
    public async Task ClientHandshake_Request_WritesFactSheetResponseJson()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        _ = new ClientHandshake().RunAsync(client, CancellationToken.None);

        await SendAsync(agent, PayloadType.HandshakeRequest,
            """{"AgentVersion":"3.3.1142.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Port","Properties":{"portNumber":"80"}}}]}""");
        var response = await ExpectAsync(agent, PayloadType.HandshakeResponse);

        Assert.Equal(
            """{"ClientVersion":"1.2.764.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null}""",
            Text(response));
    }

    [Fact]
    public async Task ClientHandshake_CamelCaseRequestAndComplete_AreAccepted()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new ClientHandshake().RunAsync(client, CancellationToken.None);

        await SendAsync(agent, PayloadType.HandshakeRequest,
            """{"agentVersion":"3.2.0.0","requestedClientActions":[{"actionType":"SessionType","actionParameters":{"sessionType":"InteractiveCommands","properties":null}}]}""");
        await ExpectAsync(agent, PayloadType.HandshakeResponse);
        await SendAsync(agent, PayloadType.HandshakeComplete, """{"handshakeTimeToComplete":5,"customerMessage":"hi"}""");
        var session = (await handshake.WaitAsync(s_deadline)).Session;

        Assert.Equal(SessionType.InteractiveCommands, session.SessionType);
        Assert.Equal("3.2.0.0", session.AgentVersion);
        Assert.Equal("hi", session.CustomerMessage);
    }

    [Fact]
    public async Task ClientHandshake_UnknownAction_AnsweredUnsupportedAndHandshakeContinues()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new ClientHandshake().RunAsync(client, CancellationToken.None);

        await SendAsync(agent, PayloadType.HandshakeRequest,
            """{"AgentVersion":"9.9.9.9","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"NonInteractiveCommands","Properties":null}},{"ActionType":"TeleportAction","ActionParameters":{"Where":"moon"}}]}""");
        var response = HandshakeResponsePayload.Parse((await ExpectAsync(agent, PayloadType.HandshakeResponse)).Payload.Span);
        await SendAsync(agent, PayloadType.HandshakeComplete, """{"HandshakeTimeToComplete":1,"CustomerMessage":""}""");

        Assert.Collection(
            response.ProcessedClientActions,
            a => Assert.Equal((ClientActionType.SessionType, ActionStatus.Success), (a.ActionType, a.ActionStatus)),
            a => Assert.Equal(("TeleportAction", ActionStatus.Unsupported), (a.ActionType, a.ActionStatus)));
        Assert.Equal(SessionType.NonInteractiveCommands, (await handshake.WaitAsync(s_deadline)).Session.SessionType);
    }

    [Fact]
    public async Task ClientHandshake_UnknownSessionType_AnswersStatusFailed()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new ClientHandshake().RunAsync(client, CancellationToken.None);

        await SendAsync(agent, PayloadType.HandshakeRequest,
            """{"AgentVersion":"3.3.1142.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Telepathy","Properties":null}}]}""");
        var response = HandshakeResponsePayload.Parse((await ExpectAsync(agent, PayloadType.HandshakeResponse)).Payload.Span);

        Assert.Equal(ActionStatus.Failed, Assert.Single(response.ProcessedClientActions).ActionStatus);
        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.UnsupportedSession, error.Error);
    }

    [Theory]
    [InlineData(PayloadType.HandshakeRequest, "{not json")]
    [InlineData(PayloadType.HandshakeRequest, "null")]
    [InlineData(PayloadType.HandshakeRequest, """{"AgentVersion":"1","RequestedClientActions":[{"ActionType":"SessionType"}]}""")]
    [InlineData(PayloadType.HandshakeRequest, """{"AgentVersion":"1","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":[1,2]}]}""")]
    [InlineData(PayloadType.HandshakeRequest, """{"AgentVersion":1}""")]
    [InlineData(PayloadType.HandshakeComplete, """{"HandshakeTimeToComplete":1}""")]
    [InlineData(PayloadType.EncChallengeRequest, """{"Challenge":"AAAA"}""")]
    [InlineData(PayloadType.StdErr, "x")]
    public async Task ClientHandshake_MalformedOrOutOfOrderMessage_ThrowsHandshakeFailed(PayloadType type, string payload)
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new ClientHandshake().RunAsync(client, CancellationToken.None);

        await SendAsync(agent, type, payload);
        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
    }

    [Fact]
    public async Task ClientHandshake_ChallengeSealedWithWrongKey_ThrowsHandshakeFailed()
    {
        using var kms = new TestKms();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new ClientHandshake(new ClientHandshakeOptions { KmsDataKeyGenerator = kms, SessionId = "s", TargetId = "t" })
            .RunAsync(client, CancellationToken.None);

        await SendAsync(agent, PayloadType.HandshakeRequest,
            """{"AgentVersion":"3.3.1142.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Standard_Stream","Properties":null}},{"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":"k","Challenge":"AAAAAAAAAAAAAAAAAAAAAA=="}}]}""");
        await ExpectAsync(agent, PayloadType.HandshakeResponse);
        using var stranger = SessionCipher.FromDataKey(new byte[64], DataChannelRole.Agent);
        await agent.SendAsync(
            PayloadType.EncChallengeRequest,
            new EncryptionChallengeRequestPayload(stranger.Encrypt(new byte[64])).ToJson(),
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
    }

    [Fact]
    public async Task ClientHandshake_KmsAction_ResultCarriesCiphertextAndNullHash()
    {
        using var kms = new TestKms();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        _ = new ClientHandshake(new ClientHandshakeOptions { KmsDataKeyGenerator = kms, SessionId = "s", TargetId = "t" })
            .RunAsync(client, CancellationToken.None);

        await SendAsync(agent, PayloadType.HandshakeRequest,
            """{"AgentVersion":"3.3.1142.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Standard_Stream","Properties":null}},{"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":"k","Challenge":"AAAAAAAAAAAAAAAAAAAAAA=="}}]}""");
        var response = await ExpectAsync(agent, PayloadType.HandshakeResponse);

        using var json = JsonDocument.Parse(response.Payload);
        var kmsAction = json.RootElement.GetProperty("ProcessedClientActions")[1];
        Assert.Equal(1, kmsAction.GetProperty("ActionStatus").GetInt32());
        var result = kmsAction.GetProperty("ActionResult");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("KMSCipherTextHash").ValueKind);
        var blob = result.GetProperty("KMSCipherTextKey").GetBytesFromBase64();
        Assert.Equal(64, (await kms.DecryptAsync(blob, KmsEncryptionContext.Create("s", "t"), CancellationToken.None)).Length);
    }

    /// <summary>A scripted client that accepts the KMS action honestly and then answers the challenge with <paramref name="answer"/>.</summary>
    private static async Task<ProtocolException> AgentFailsChallengeAsync(Func<SessionCipher, byte[], byte[]> answer)
    {
        using var kms = new TestKms();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new AgentHandshake(new AgentHandshakeOptions { KmsDecryptor = kms, SessionId = "s", TargetId = "t" })
            .RunAsync(agent, new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "k"), CancellationToken.None);

        await ExpectAsync(client, PayloadType.HandshakeRequest);
        var dataKey = await kms.GenerateDataKeyAsync("k", KmsEncryptionContext.Create("s", "t"), 64, CancellationToken.None);
        var response = new HandshakeResponsePayload("1.2.764.0", [
            new ProcessedClientAction(ClientActionType.SessionType, ActionStatus.Success, null),
            new ProcessedClientAction(ClientActionType.KmsEncryption, ActionStatus.Success,
                JsonSerializer.SerializeToElement(new { KMSCipherTextKey = dataKey.CiphertextBlob })),
        ]);
        await client.SendAsync(PayloadType.HandshakeResponse, response.ToJson(), CancellationToken.None);
        var challenge = EncryptionChallengeRequestPayload.Parse((await ExpectAsync(client, PayloadType.EncChallengeRequest)).Payload.Span);
        using var cipher = SessionCipher.FromDataKey(dataKey.Plaintext, DataChannelRole.Client);
        await client.SendAsync(
            PayloadType.EncChallengeResponse,
            new EncryptionChallengeResponsePayload(answer(cipher, challenge.Challenge)).ToJson(),
            CancellationToken.None);

        return await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
    }

    [Fact]
    public async Task AgentHandshake_ChallengeEchoedUnchanged_ThrowsHandshakeFailed()
    {
        // Echoing proves nothing: it is sealed with the agent's key, not the client's.
        var error = await AgentFailsChallengeAsync((_, sealedChallenge) => sealedChallenge);

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
    }

    [Fact]
    public async Task AgentHandshake_ChallengeResponseTampered_ThrowsHandshakeFailed()
    {
        var error = await AgentFailsChallengeAsync((cipher, sealedChallenge) =>
        {
            var answer = cipher.Encrypt(cipher.Decrypt(sealedChallenge));
            answer[20] ^= 0x80;
            return answer;
        });

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
    }

    [Fact]
    public async Task AgentHandshake_ChallengeAnsweredWithOtherPlaintext_ThrowsHandshakeFailed()
    {
        var error = await AgentFailsChallengeAsync((cipher, _) => cipher.Encrypt(new byte[64]));

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public async Task AgentHandshake_ClientAnswersNonSuccessStatus_ThrowsHandshakeFailed(int status)
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new AgentHandshake().RunAsync(agent, new AgentSessionParameters(SessionType.Port), CancellationToken.None);

        await ExpectAsync(client, PayloadType.HandshakeRequest);
        await SendAsync(client, PayloadType.HandshakeResponse,
            $$"""{"ClientVersion":"1.2.764.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""},{"ActionType":"Extra","ActionStatus":{{status}},"ActionResult":null,"Error":"nope"}],"Errors":null}""");

        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PayloadType.HandshakeResponse, "][")]
    [InlineData(PayloadType.HandshakeResponse, """{"ClientVersion":["x"]}""")]
    [InlineData(PayloadType.Output, "early keystrokes")]
    public async Task AgentHandshake_MalformedOrUnexpectedAnswer_ThrowsHandshakeFailed(PayloadType type, string payload)
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new AgentHandshake().RunAsync(agent, new AgentSessionParameters(SessionType.Port), CancellationToken.None);

        await ExpectAsync(client, PayloadType.HandshakeRequest);
        await SendAsync(client, type, payload);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
    }

    [Fact]
    public async Task AgentHandshake_NoResponseFor15Seconds_TimesOut()
    {
        var time = new ManualClock();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new AgentHandshake(new AgentHandshakeOptions { TimeProvider = time })
            .RunAsync(agent, new AgentSessionParameters(SessionType.Port), CancellationToken.None);
        await ExpectAsync(client, PayloadType.HandshakeRequest);

        time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(handshake.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
        Assert.Contains("Handshake timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentHandshake_NoChallengeResponse_TimesOut()
    {
        using var kms = new TestKms();
        var time = new ManualClock();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new AgentHandshake(new AgentHandshakeOptions { TimeProvider = time, KmsDecryptor = kms, SessionId = "s", TargetId = "t" })
            .RunAsync(agent, new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "k"), CancellationToken.None);
        // A client that accepts the key honestly, then never answers the challenge.
        await ExpectAsync(client, PayloadType.HandshakeRequest);
        var dataKey = await kms.GenerateDataKeyAsync("k", KmsEncryptionContext.Create("s", "t"), 64, CancellationToken.None);
        var response = new HandshakeResponsePayload("1.2.764.0", [
            new ProcessedClientAction(ClientActionType.SessionType, ActionStatus.Success, null),
            new ProcessedClientAction(ClientActionType.KmsEncryption, ActionStatus.Success,
                JsonSerializer.SerializeToElement(new { KMSCipherTextKey = dataKey.CiphertextBlob })),
        ]);
        await client.SendAsync(PayloadType.HandshakeResponse, response.ToJson(), CancellationToken.None);
        await ExpectAsync(client, PayloadType.EncChallengeRequest);

        time.Advance(TimeSpan.FromSeconds(15));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => handshake.WaitAsync(s_deadline));
        Assert.Contains("Handshake timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentHandshake_Complete_ReportsElapsedNanosecondsFromTimeProvider()
    {
        var time = new ManualClock();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var handshake = new AgentHandshake(new AgentHandshakeOptions { TimeProvider = time })
            .RunAsync(agent, new AgentSessionParameters(SessionType.Port), CancellationToken.None);

        await ExpectAsync(client, PayloadType.HandshakeRequest);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        await SendAsync(client, PayloadType.HandshakeResponse,
            """{"ClientVersion":"1.0.0.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null}""");
        var complete = await ExpectAsync(client, PayloadType.HandshakeComplete);

        Assert.Equal("""{"HandshakeTimeToComplete":1500000000,"CustomerMessage":""}""", Text(complete));
        Assert.Equal("1.0.0.0", (await handshake.WaitAsync(s_deadline)).ClientVersion);
    }
}
