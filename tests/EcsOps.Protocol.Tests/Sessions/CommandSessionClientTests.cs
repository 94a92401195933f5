using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Sessions;

public class CommandSessionClientTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_StdoutStderrAndExitCode3_SeparatedAndReturned()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var remote = new AgentSessionStream(agent);
        await remote.WriteOutputAsync("out-1\n"u8.ToArray(), CancellationToken.None);
        await remote.WriteStandardErrorAsync("err-1\n"u8.ToArray(), CancellationToken.None);
        await remote.WriteOutputAsync("out-2\n"u8.ToArray(), CancellationToken.None);
        await remote.WriteExitCodeAsync(3, CancellationToken.None);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();

        var result = await new CommandSessionClient(client).RunAsync(stdout, stderr, CancellationToken.None).WaitAsync(s_deadline);

        Assert.Equal(3, result.ExitCode);
        Assert.True(result.ExitCodeReceived);
        Assert.Equal("out-1\nout-2\n", Encoding.ASCII.GetString(stdout.ToArray()));
        Assert.Equal("err-1\n", Encoding.ASCII.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Run_ChannelClosedWithoutExitCode_ResultSaysMissingNotZero()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        await new AgentSessionStream(agent).WriteOutputAsync("partial"u8.ToArray(), CancellationToken.None);
        agent.CloseFromService("Your session timed out due to inactivity and has been terminated.");
        var stdout = new MemoryStream();

        var result = await new CommandSessionClient(client).RunAsync(stdout, Stream.Null, CancellationToken.None).WaitAsync(s_deadline);

        Assert.Null(result.ExitCode);
        Assert.False(result.ExitCodeReceived);
        Assert.Equal("Your session timed out due to inactivity and has been terminated.", result.ClosedOutput);
        Assert.Equal("partial", Encoding.ASCII.GetString(stdout.ToArray()));
    }

    [Theory]
    [InlineData("EXIT_CODE: 0", 0)]
    [InlineData("EXIT_CODE: 255\n", 255)]
    [InlineData("EXIT_CODE:-1", -1)]
    [InlineData("  EXIT_CODE: 42\r\n", 42)]
    public void ExitCodePayload_Decode_ToleratesWhitespace(string text, int expected)
    {
        Assert.Equal(expected, ExitCodePayload.Decode(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void ExitCodePayload_Encode_IsFactSheetText()
    {
        Assert.Equal("EXIT_CODE: 3", Encoding.ASCII.GetString(ExitCodePayload.Encode(3)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("EXIT_CODE: ")]
    [InlineData("EXIT: 1")]
    [InlineData("EXIT_CODE: 99999999999")]
    [InlineData("EXIT_CODE: 1 2")]
    public async Task Run_MalformedExitCode_ThrowsProtocolException(string text)
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        await agent.SendAsync(PayloadType.ExitCode, Encoding.ASCII.GetBytes(text), CancellationToken.None);

        await Assert.ThrowsAsync<ProtocolException>(
            () => new CommandSessionClient(client).RunAsync(Stream.Null, Stream.Null, CancellationToken.None).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Run_EncryptedSession_DecryptsAllThreeStreams()
    {
        var dataKey = new byte[SessionCipher.DataKeyLength];
        Random.Shared.NextBytes(dataKey);
        using var clientCipher = SessionCipher.FromDataKey(dataKey, DataChannelRole.Client);
        using var agentCipher = SessionCipher.FromDataKey(dataKey, DataChannelRole.Agent);
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var remote = new AgentSessionStream(agent, agentCipher);
        await remote.WriteOutputAsync("o"u8.ToArray(), CancellationToken.None);
        await remote.WriteStandardErrorAsync("e"u8.ToArray(), CancellationToken.None);
        await remote.WriteExitCodeAsync(7, CancellationToken.None);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();

        var result = await new CommandSessionClient(client, clientCipher).RunAsync(stdout, stderr, CancellationToken.None).WaitAsync(s_deadline);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("o"u8.ToArray(), stdout.ToArray());
        Assert.Equal("e"u8.ToArray(), stderr.ToArray());
    }

    [Fact]
    public async Task SendSignal_Interrupt_AgentSeesSignalNotInput()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var signals = new List<TerminalSignal>();
        var inputs = 0;
        var reading = new AgentSessionStream(agent).ReadInputAsync(
            new AgentInputHandlers
            {
                SignalsOnly = true,
                Signal = (s, _) => { signals.Add(s); return ValueTask.CompletedTask; },
                Input = (_, _) => { inputs++; return ValueTask.CompletedTask; },
            },
            CancellationToken.None);

        var command = new CommandSessionClient(client);
        await command.SendSignalAsync(TerminalSignal.Interrupt, CancellationToken.None);
        await client.SendAsync(PayloadType.Output, "ls\u001c"u8.ToArray(), CancellationToken.None);
        client.CloseFromService();
        await reading.WaitAsync(s_deadline);

        Assert.Equal([TerminalSignal.Interrupt, TerminalSignal.Quit], signals);
        Assert.Equal(0, inputs);
    }
}
