using System.Security.Cryptography;
using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Sessions;

public class ShellSessionClientTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private static async Task<List<StreamData>> DrainAsync(PerfectStreamDataChannel channel)
    {
        var messages = new List<StreamData>();
        while (await channel.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    private static (SessionCipher Client, SessionCipher Agent) CipherPair()
    {
        var dataKey = RandomNumberGenerator.GetBytes(SessionCipher.DataKeyLength);
        return (SessionCipher.FromDataKey(dataKey, DataChannelRole.Client), SessionCipher.FromDataKey(dataKey, DataChannelRole.Agent));
    }

    [Fact]
    public async Task SendTerminalSize_120x40_ExactLowercaseJsonAsSizeMessage()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();

        await new ShellSessionClient(client).SendTerminalSizeAsync(new TerminalSize(120, 40), CancellationToken.None);
        client.CloseFromService();

        var message = Assert.Single(await DrainAsync(agent));
        Assert.Equal(PayloadType.Size, message.PayloadType);
        Assert.Equal("{\"cols\":120,\"rows\":40}", Encoding.ASCII.GetString(message.Payload.Span));
    }

    [Fact]
    public async Task SendInput_5000BytePaste_SplitInto1024ByteOutputMessages()
    {
        var paste = RandomNumberGenerator.GetBytes(5000);
        var (client, agent) = PerfectStreamDataChannel.CreatePair();

        await new ShellSessionClient(client).SendInputAsync(paste, CancellationToken.None);
        client.CloseFromService();

        var messages = await DrainAsync(agent);
        Assert.Equal([1024, 1024, 1024, 1024, 904], messages.Select(m => m.Payload.Length));
        Assert.All(messages, m => Assert.Equal(PayloadType.Output, m.PayloadType));
        Assert.Equal(paste, messages.SelectMany(m => m.Payload.ToArray()));
    }

    [Fact]
    public async Task SendInput_EncryptedPaste_ChunksSealedAndAgentGetsPlaintext()
    {
        var paste = RandomNumberGenerator.GetBytes(3000);
        var (clientCipher, agentCipher) = CipherPair();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var received = new MemoryStream();
        var reading = new AgentSessionStream(agent, agentCipher).ReadInputAsync(
            new AgentInputHandlers { Input = (data, ct) => received.WriteAsync(data, ct) }, CancellationToken.None);

        var shell = new ShellSessionClient(client, clientCipher);
        await shell.SendInputAsync(paste, CancellationToken.None);
        await shell.SendTerminalSizeAsync(new TerminalSize(80, 24), CancellationToken.None);
        client.CloseFromService();
        await reading.WaitAsync(s_deadline);

        Assert.Equal(paste, received.ToArray());
    }

    [Fact]
    public async Task SendInput_Encrypted_OnWireIsSealedButSizeIsNot()
    {
        var (clientCipher, _) = CipherPair();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var shell = new ShellSessionClient(client, clientCipher);

        await shell.SendInputAsync("secret\r"u8.ToArray(), CancellationToken.None);
        await shell.SendTerminalSizeAsync(new TerminalSize(80, 24), CancellationToken.None);
        client.CloseFromService();

        var messages = await DrainAsync(agent);
        Assert.Equal(7 + SessionCipher.Overhead, messages[0].Payload.Length);
        Assert.DoesNotContain("secret", Encoding.ASCII.GetString(messages[0].Payload.Span), StringComparison.Ordinal);
        Assert.Equal("{\"cols\":80,\"rows\":24}", Encoding.ASCII.GetString(messages[1].Payload.Span));
    }

    [Fact]
    public async Task ReadOutput_UntilChannelClosed_YieldsOutputThenClosedText()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var remote = new AgentSessionStream(agent);
        await remote.WriteOutputAsync("$ exit\r\n"u8.ToArray(), CancellationToken.None);
        await agent.SendAsync(PayloadType.Flag, SessionFlagPayload.Encode(SessionFlag.ConnectToPortError), CancellationToken.None);
        await remote.WriteOutputAsync("logout\r\n"u8.ToArray(), CancellationToken.None);
        agent.CloseFromService("Exiting session");
        var shell = new ShellSessionClient(client);
        var output = new StringBuilder();

        await foreach (var chunk in shell.ReadOutputAsync(CancellationToken.None).WithCancellation(CancellationToken.None))
        {
            output.Append(Encoding.ASCII.GetString(chunk.Span));
        }

        Assert.Equal("$ exit\r\nlogout\r\n", output.ToString());
        Assert.Equal("Exiting session", shell.ClosedOutput);
    }

    [Fact]
    public async Task ReadOutput_EncryptedSessionTamperedOutput_ThrowsProtocolException()
    {
        var (clientCipher, agentCipher) = CipherPair();
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var sealedOutput = agentCipher.Encrypt("hello"u8);
        sealedOutput[^1] ^= 0x01;
        await agent.SendAsync(PayloadType.Output, sealedOutput, CancellationToken.None);

        await Assert.ThrowsAsync<ProtocolException>(
            () => new ShellSessionClient(client, clientCipher).CopyOutputToAsync(Stream.Null, CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task SendSignal_Interrupt_IsSingleByte03()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();

        await new ShellSessionClient(client).SendSignalAsync(TerminalSignal.Interrupt, CancellationToken.None);
        client.CloseFromService();

        var message = Assert.Single(await DrainAsync(agent));
        Assert.Equal(PayloadType.Output, message.PayloadType);
        Assert.Equal([0x03], message.Payload.ToArray());
    }
}
