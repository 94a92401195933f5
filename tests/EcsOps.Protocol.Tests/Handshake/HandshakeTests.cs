using System.Text;
using System.Text.Json;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Encryption;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Handshake;

/// <summary>The real client and agent handshakes against each other over a loss-free channel.</summary>
public class HandshakeTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private static (Task<ClientHandshakeResult> Client, Task<AgentHandshakeResult> Agent) Run(
        AgentSessionParameters session, ClientHandshakeOptions? clientOptions = null, AgentHandshakeOptions? agentOptions = null)
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        return (
            new ClientHandshake(clientOptions).RunAsync(client, CancellationToken.None).WaitAsync(s_deadline),
            new AgentHandshake(agentOptions).RunAsync(agent, session, CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Handshake_PortSession_PropertiesAndVersionsRoundTrip()
    {
        var properties = new PortSessionProperties("5432", "LocalPortForwarding", "0", "mydb.internal");

        var (client, agent) = Run(new AgentSessionParameters(SessionType.Port, properties.ToJsonElement()));

        var session = (await client).Session;
        Assert.Equal(SessionType.Port, session.SessionType);
        Assert.Equal(
            """{"portNumber":"5432","type":"LocalPortForwarding","localPortNumber":"0","host":"mydb.internal"}""",
            session.Properties!.Value.GetRawText());
        Assert.Equal(properties, PortSessionProperties.Parse(session.Properties.Value));
        Assert.Equal(ProtocolVersions.DefaultAgentVersion, session.AgentVersion);
        Assert.False(session.IsEncrypted);
        Assert.Null((await client).FirstOutput);
        Assert.Equal(ProtocolVersions.DefaultClientVersion, (await agent).ClientVersion);
        Assert.Null((await agent).Cipher);
    }

    [Fact]
    public async Task Handshake_NonInteractiveCommands_NullPropertiesAndCustomVersions()
    {
        var (client, agent) = Run(
            new AgentSessionParameters(SessionType.NonInteractiveCommands),
            new ClientHandshakeOptions { ClientVersion = "1.2.999.0" },
            new AgentHandshakeOptions { AgentVersion = "3.9.1.0", CustomerMessage = "hello" });

        var session = (await client).Session;
        Assert.Equal(SessionType.NonInteractiveCommands, session.SessionType);
        Assert.Null(session.Properties);
        Assert.Equal("3.9.1.0", session.AgentVersion);
        Assert.Equal("hello", session.CustomerMessage);
        Assert.True(session.HandshakePerformed);
        Assert.Equal("1.2.999.0", (await agent).ClientVersion);
    }

    [Fact]
    public async Task Handshake_ShellWithoutHandshake_FirstOutputHandedBackAndNotLost()
    {
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        var agentResult = await new AgentHandshake(new AgentHandshakeOptions { SkipHandshake = true })
            .RunAsync(agentChannel, new AgentSessionParameters(SessionType.StandardStream), CancellationToken.None);
        var agentSession = new AgentSessionStream(agentChannel, agentResult.Cipher);
        await agentSession.WriteOutputAsync("sh-5.2$ "u8.ToArray(), CancellationToken.None);
        await agentSession.WriteOutputAsync("ls\r\n"u8.ToArray(), CancellationToken.None);
        agentChannel.CloseFromService();

        var handshake = await new ClientHandshake().RunAsync(clientChannel, CancellationToken.None).WaitAsync(s_deadline);
        var shell = ShellSessionClient.FromHandshake(clientChannel, handshake);
        var output = new MemoryStream();
        await shell.CopyOutputToAsync(output, CancellationToken.None).WaitAsync(s_deadline);

        Assert.False(agentResult.HandshakePerformed);
        Assert.Equal(SessionType.StandardStream, handshake.Session.SessionType);
        Assert.False(handshake.Session.HandshakePerformed);
        Assert.NotNull(handshake.FirstOutput);
        Assert.Equal("sh-5.2$ ls\r\n", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Handshake_KmsSession_BothEndsHoldMatchingCiphers()
    {
        using var kms = new TestKms();
        var (client, agent) = Run(
            new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k1"),
            new ClientHandshakeOptions { KmsDataKeyGenerator = kms, SessionId = "s-1", TargetId = "ecs:c_t_r" },
            new AgentHandshakeOptions { KmsDecryptor = kms, SessionId = "s-1", TargetId = "ecs:c_t_r" });

        var session = (await client).Session;
        var agentCipher = (await agent).Cipher!;
        Assert.True(session.IsEncrypted);
        Assert.Equal(HandshakeCompletePayload.EncryptedSessionMessage, session.CustomerMessage);
        Assert.Equal("hi"u8.ToArray(), agentCipher.Decrypt(session.Cipher!.Encrypt("hi"u8)));
        Assert.Equal("ho"u8.ToArray(), session.Cipher.Decrypt(agentCipher.Encrypt("ho"u8)));
        var call = Assert.Single(kms.GenerateCalls);
        Assert.Equal("arn:aws:kms:eu-west-1:111122223333:key/k1", call.KeyId);
        Assert.Equal(64, call.NumberOfBytes);
        Assert.Equal("s-1", call.Context["aws:ssm:SessionId"]);
        Assert.Equal("ecs:c_t_r", call.Context["aws:ssm:TargetId"]);
    }

    [Fact]
    public async Task Handshake_KmsShell_NegotiatedCiphersCarryTheSessionEncrypted()
    {
        using var kms = new TestKms();
        var (clientChannel, agentChannel) = PerfectStreamDataChannel.CreatePair();
        var clientHandshake = new ClientHandshake(new ClientHandshakeOptions { KmsDataKeyGenerator = kms, SessionId = "s", TargetId = "t" })
            .RunAsync(clientChannel, CancellationToken.None);
        var agentHandshake = await new AgentHandshake(new AgentHandshakeOptions { KmsDecryptor = kms, SessionId = "s", TargetId = "t" })
            .RunAsync(agentChannel, new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "k"), CancellationToken.None)
            .WaitAsync(s_deadline);
        var shell = ShellSessionClient.FromHandshake(clientChannel, await clientHandshake.WaitAsync(s_deadline));
        var remote = new AgentSessionStream(agentChannel, agentHandshake.Cipher);
        var typed = new MemoryStream();
        var reading = remote.ReadInputAsync(new AgentInputHandlers { Input = (data, ct) => typed.WriteAsync(data, ct) }, CancellationToken.None);

        await shell.SendInputAsync("whoami\r"u8.ToArray(), CancellationToken.None);
        await remote.WriteOutputAsync("root\r\n"u8.ToArray(), CancellationToken.None);
        agentChannel.CloseFromService();
        var output = new MemoryStream();
        await shell.CopyOutputToAsync(output, CancellationToken.None).WaitAsync(s_deadline);
        await reading.WaitAsync(s_deadline);

        Assert.Equal("whoami\r", Encoding.ASCII.GetString(typed.ToArray()));
        Assert.Equal("root\r\n", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Handshake_KmsContextMismatch_AgentFailsTheHandshake()
    {
        using var kms = new TestKms();
        var (client, agent) = Run(
            new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "k1"),
            new ClientHandshakeOptions { KmsDataKeyGenerator = kms, SessionId = "s-1", TargetId = "ecs:other" },
            new AgentHandshakeOptions { KmsDecryptor = kms, SessionId = "s-1", TargetId = "ecs:c_t_r" });

        var error = await Assert.ThrowsAsync<ProtocolException>(() => agent);

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
        Assert.False(client.IsCompleted);
    }

    [Fact]
    public async Task Handshake_KmsWithoutClientKmsAccess_ClientReportsFailedAndAgentFails()
    {
        using var kms = new TestKms();
        var (_, agent) = Run(
            new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "k1"),
            new ClientHandshakeOptions(),
            new AgentHandshakeOptions { KmsDecryptor = kms, SessionId = "s-1", TargetId = "t" });

        var error = await Assert.ThrowsAsync<ProtocolException>(() => agent);

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
        Assert.Contains("KMSEncryption", error.Message, StringComparison.Ordinal);
        Assert.Contains("status 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_UnknownSessionType_ClientFailsItAndAgentFailsTheSession()
    {
        var (client, agent) = Run(new AgentSessionParameters("Bogus_Type"));

        var agentError = await Assert.ThrowsAsync<ProtocolException>(() => agent);
        var clientError = await Assert.ThrowsAsync<ProtocolException>(() => client);

        Assert.Equal(ProtocolError.UnsupportedSession, agentError.Error);
        Assert.Contains("status 2", agentError.Message, StringComparison.Ordinal);
        Assert.Equal(ProtocolError.UnsupportedSession, clientError.Error);
    }

    [Fact]
    public void IsRequired_ShellsWithoutKms_AreSkippedEverythingElseIsNot()
    {
        Assert.False(AgentHandshake.IsRequired(SessionType.StandardStream, encrypted: false));
        Assert.False(AgentHandshake.IsRequired(SessionType.InteractiveCommands, encrypted: false));
        Assert.True(AgentHandshake.IsRequired(SessionType.StandardStream, encrypted: true));
        Assert.True(AgentHandshake.IsRequired(SessionType.NonInteractiveCommands, encrypted: false));
        Assert.True(AgentHandshake.IsRequired(SessionType.Port, encrypted: false));
    }

    [Fact]
    public async Task AgentHandshake_SkipWithKms_Refuses()
    {
        var (_, agent) = PerfectStreamDataChannel.CreatePair();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new AgentHandshake(new AgentHandshakeOptions { SkipHandshake = true })
            .RunAsync(agent, new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "k"), CancellationToken.None));
    }

    [Fact]
    public async Task ClientHandshake_ChannelClosedBeforeHandshake_ThrowsHandshakeFailedWithServiceText()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        agent.CloseFromService("Session is terminated");

        var error = await Assert.ThrowsAsync<ProtocolException>(
            () => new ClientHandshake().RunAsync(client, CancellationToken.None).WaitAsync(s_deadline));

        Assert.Equal(ProtocolError.HandshakeFailed, error.Error);
        Assert.Contains("Session is terminated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PortSessionProperties_CamelCaseOrPascalCase_BothParse()
    {
        using var document = JsonDocument.Parse("""{"PortNumber":"22","TYPE":"LocalPortForwarding"}""");

        var properties = PortSessionProperties.Parse(document.RootElement);

        Assert.Equal("22", properties.PortNumber);
        Assert.Equal("LocalPortForwarding", properties.Type);
    }
}
