using System.Security.Cryptography;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Sessions;

public class AgentSessionStreamTests
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

    [Fact]
    public async Task WriteOutput_2500Bytes_ChunkedTo1024()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var output = RandomNumberGenerator.GetBytes(2500);

        await new AgentSessionStream(agent).WriteOutputAsync(output, CancellationToken.None);
        agent.CloseFromService();

        var messages = await DrainAsync(client);
        Assert.Equal([1024, 1024, 452], messages.Select(m => m.Payload.Length));
        Assert.Equal(output, messages.SelectMany(m => m.Payload.ToArray()));
    }

    [Fact]
    public async Task OpenWriteStream_CopyFromProcessOutput_SentAsStdErr()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var processStderr = new MemoryStream(RandomNumberGenerator.GetBytes(1500));

        await processStderr.CopyToAsync(new AgentSessionStream(agent).OpenWriteStream(PayloadType.StdErr));
        agent.CloseFromService();

        var messages = await DrainAsync(client);
        Assert.All(messages, m => Assert.Equal(PayloadType.StdErr, m.PayloadType));
        Assert.All(messages, m => Assert.True(m.Payload.Length <= 1024));
        Assert.Equal(processStderr.ToArray(), messages.SelectMany(m => m.Payload.ToArray()));
    }

    [Fact]
    public async Task Write_Encrypted_OutputStdErrExitCodeSealedFlagNot()
    {
        var dataKey = RandomNumberGenerator.GetBytes(SessionCipher.DataKeyLength);
        using var clientCipher = SessionCipher.FromDataKey(dataKey, DataChannelRole.Client);
        using var agentCipher = SessionCipher.FromDataKey(dataKey, DataChannelRole.Agent);
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var remote = new AgentSessionStream(agent, agentCipher);

        await remote.WriteOutputAsync("o"u8.ToArray(), CancellationToken.None);
        await remote.WriteStandardErrorAsync("e"u8.ToArray(), CancellationToken.None);
        await remote.WriteExitCodeAsync(1, CancellationToken.None);
        await agent.SendAsync(PayloadType.Flag, SessionFlagPayload.Encode(SessionFlag.ConnectToPortError), CancellationToken.None);
        agent.CloseFromService();

        var messages = await DrainAsync(client);
        Assert.Equal("o"u8.ToArray(), clientCipher.Decrypt(messages[0].Payload.Span));
        Assert.Equal("e"u8.ToArray(), clientCipher.Decrypt(messages[1].Payload.Span));
        Assert.Equal(ExitCodePayload.Encode(1), clientCipher.Decrypt(messages[2].Payload.Span));
        Assert.Equal(SessionFlagPayload.Encode(SessionFlag.ConnectToPortError), messages[3].Payload.ToArray());
    }

    [Fact]
    public async Task ReadInput_InputSizeAndFlag_DispatchedToHandlersInOrder()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var events = new List<string>();
        var reading = new AgentSessionStream(agent).ReadInputAsync(
            new AgentInputHandlers
            {
                Input = (data, _) => { events.Add($"input:{Convert.ToHexString(data.Span)}"); return ValueTask.CompletedTask; },
                Resize = (size, _) => { events.Add($"resize:{size.Columns}x{size.Rows}"); return ValueTask.CompletedTask; },
                Flag = (flag, _) => { events.Add($"flag:{flag}"); return ValueTask.CompletedTask; },
            },
            CancellationToken.None);

        var shell = new ShellSessionClient(client);
        await shell.SendTerminalSizeAsync(new TerminalSize(132, 50), CancellationToken.None);
        await shell.SendInputAsync(new byte[] { 0x61, 0x03 }, CancellationToken.None);
        await client.SendAsync(PayloadType.Flag, SessionFlagPayload.Encode(SessionFlag.TerminateSession), CancellationToken.None);
        client.CloseFromService();
        await reading.WaitAsync(s_deadline);

        Assert.Equal(["resize:132x50", "input:6103", "flag:TerminateSession"], events);
    }

    [Theory]
    [InlineData(PayloadType.Size, "{\"cols\":\"wide\"}")]
    [InlineData(PayloadType.Size, "[]")]
    [InlineData(PayloadType.Flag, "\u0001")]
    public async Task ReadInput_MalformedControlPayload_ThrowsProtocolException(PayloadType type, string payload)
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        await client.SendAsync(type, System.Text.Encoding.ASCII.GetBytes(payload), CancellationToken.None);

        await Assert.ThrowsAsync<ProtocolException>(
            () => new AgentSessionStream(agent).ReadInputAsync(new AgentInputHandlers(), CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public void Constructor_ClientEnd_IsRejected()
    {
        var (client, _) = PerfectStreamDataChannel.CreatePair();

        Assert.Throws<ArgumentException>(() => new AgentSessionStream(client));
    }
}
