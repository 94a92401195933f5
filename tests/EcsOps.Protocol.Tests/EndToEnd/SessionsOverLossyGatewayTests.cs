using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;
using EcsOps.Protocol.Tests.Encryption;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.EndToEnd;

/// <summary>
/// Every layer at once: handshake, encryption and sessions on real DataChannels whose frames cross a
/// gateway that drops, duplicates and reorders them, with a forced disconnect in the middle.
/// </summary>
public class SessionsOverLossyGatewayTests
{
    private static readonly LinkFaults s_faults = new(Drop: 0.02, Duplicate: 0.02, Delay: 0.03);

    private static async Task<(LossyGateway Gateway, DataChannel Client, DataChannel Agent)> OpenAsync(int seed)
    {
        var gateway = new LossyGateway(s_faults, s_faults, seed);
        var agent = new DataChannel(DataChannelRole.Agent, gateway.AgentConnector, new DataChannelOptions { ClientInstanceId = "ecs:c_t_r" });
        var client = new DataChannel(DataChannelRole.Client, gateway.ClientConnector, DataChannelOptions.Default);
        await agent.OpenAsync(TestDeadline.Token());
        await client.OpenAsync(TestDeadline.Token());
        return (gateway, client, agent);
    }

    [Fact]
    public async Task NonInteractiveCommand_LossyLinkAndReconnect_StdoutStderrAndExitCodeIntact()
    {
        var (gateway, client, agent) = await OpenAsync(seed: 11);
        await using var _ = gateway;
        await using var c = client;
        await using var a = agent;
        var stdoutSent = RandomNumberGenerator.GetBytes(300_000);

        var agentSide = Task.Run(async () =>
        {
            await new AgentHandshake().RunAsync(agent, new AgentSessionParameters(SessionType.NonInteractiveCommands), TestDeadline.Token());
            var session = new AgentSessionStream(agent);
            for (var offset = 0; offset < stdoutSent.Length; offset += 4096)
            {
                await session.WriteOutputAsync(stdoutSent.AsMemory(offset, Math.Min(4096, stdoutSent.Length - offset)), TestDeadline.Token());
                if (offset == 102_400)
                {
                    gateway.DisconnectClient();
                }
            }

            await session.WriteStandardErrorAsync("warning: something\n"u8.ToArray(), TestDeadline.Token());
            await session.WriteExitCodeAsync(3, TestDeadline.Token());
            await session.FlushAsync(TestDeadline.Token());
        });

        var handshake = await new ClientHandshake().RunAsync(client, TestDeadline.Token());
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var result = await new CommandSessionClient(client, handshake.Session.Cipher)
            .RunAsync(stdout, stderr, TestDeadline.Token()).WithinTestDeadline();
        await agentSide.WithinTestDeadline();

        Assert.Equal(SessionType.NonInteractiveCommands, handshake.Session.SessionType);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(SHA256.HashData(stdoutSent), SHA256.HashData(stdout.ToArray()));
        Assert.Equal("warning: something\n", Encoding.UTF8.GetString(stderr.ToArray()));
        Assert.True(client.Statistics.Reconnects >= 1, "the forced disconnect should have made the client reconnect");
    }

    [Fact]
    public async Task KmsEncryptedShell_LossyLink_InputAndOutputRoundTrip()
    {
        var (gateway, client, agent) = await OpenAsync(seed: 12);
        await using var _ = gateway;
        await using var c = client;
        await using var a = agent;
        using var kms = new TestKms();
        var typed = RandomNumberGenerator.GetBytes(50_000);

        var agentSide = Task.Run(async () =>
        {
            var options = new AgentHandshakeOptions { KmsDecryptor = kms, SessionId = "s-1", TargetId = "ecs:c_t_r" };
            var handshake = await new AgentHandshake(options).RunAsync(
                agent, new AgentSessionParameters(SessionType.StandardStream, KmsKeyId: "alias/session"), TestDeadline.Token());
            var session = new AgentSessionStream(agent, handshake.Cipher);
            var echoed = 0;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestDeadline.Token());
            try
            {
                await session.ReadInputAsync(
                    new AgentInputHandlers
                    {
                        Input = async (bytes, ct) =>
                        {
                            await session.WriteOutputAsync(bytes, ct);
                            if ((echoed += bytes.Length) >= typed.Length)
                            {
                                await stop.CancelAsync();
                            }
                        },
                    },
                    stop.Token);
            }
            catch (OperationCanceledException) when (echoed >= typed.Length)
            {
            }

            await session.FlushAsync(TestDeadline.Token());
            return handshake.Cipher;
        });

        var clientOptions = new ClientHandshakeOptions { KmsDataKeyGenerator = kms, SessionId = "s-1", TargetId = "ecs:c_t_r" };
        var clientHandshake = await new ClientHandshake(clientOptions).RunAsync(client, TestDeadline.Token());
        var shell = ShellSessionClient.FromHandshake(client, clientHandshake);
        await shell.SendInputAsync(typed, TestDeadline.Token());
        var output = new MemoryStream();
        await foreach (var chunk in shell.ReadOutputAsync(TestDeadline.Token()))
        {
            output.Write(chunk.Span);
            if (output.Length >= typed.Length)
            {
                break;
            }
        }

        Assert.NotNull(await agentSide.WithinTestDeadline());
        Assert.True(clientHandshake.Session.IsEncrypted);
        Assert.Equal(typed, output.ToArray());
    }

    [Fact]
    public async Task MuxPortForwarding_LossyLink_TwentyConnectionsEchoIntact()
    {
        var (gateway, client, agent) = await OpenAsync(seed: 13);
        await using var _ = gateway;
        await using var c = client;
        await using var a = agent;
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var echoing = EchoForeverAsync(echo);

        var agentSide = Task.Run(async () =>
        {
            var handshake = await new AgentHandshake().RunAsync(
                agent, new AgentSessionParameters(SessionType.Port, PortProperties()), TestDeadline.Token());
            await using var forwarding = new MuxPortForwardingAgent(agent, handshake.ClientVersion, async ct =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(echo.LocalEndpoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            });
            await forwarding.RunAsync(TestDeadline.Token());
        });

        var session = (await new ClientHandshake().RunAsync(client, TestDeadline.Token())).Session;
        Assert.Equal(PortForwardingMode.Multiplexed, PortForwardingModeSelector.SelectForClient(session.AgentVersion!, "LocalPortForwarding"));
        await using var forwarding = new MuxPortForwardingClient(client, session.AgentVersion);
        var connections = Enumerable.Range(0, 20).Select(async i =>
        {
            var data = RandomNumberGenerator.GetBytes(40_000 + i);
            await using var stream = await forwarding.OpenConnectionAsync(TestDeadline.Token());
            var reading = Task.Run(async () =>
            {
                var back = new MemoryStream();
                var buffer = new byte[8192];
                while (back.Length < data.Length)
                {
                    var read = await stream.ReadAsync(buffer, TestDeadline.Token());
                    Assert.NotEqual(0, read);
                    back.Write(buffer, 0, read);
                }

                return back.ToArray();
            });
            await stream.WriteAsync(data, TestDeadline.Token());
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await reading.WithinTestDeadline()));
        });
        await Task.WhenAll(connections).WithinTestDeadline();

        await forwarding.TerminateAsync(TestDeadline.Token());
        await agentSide.WithinTestDeadline();
        echo.Stop();
        await echoing;
    }

    private static System.Text.Json.JsonElement PortProperties() =>
        System.Text.Json.JsonDocument.Parse("""{"portNumber":"80","type":"LocalPortForwarding","localPortNumber":"0"}""").RootElement.Clone();

    private static async Task EchoForeverAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync();
                _ = Task.Run(async () =>
                {
                    using var stream = new NetworkStream(socket, ownsSocket: true);
                    try
                    {
                        await stream.CopyToAsync(stream);
                    }
                    catch (IOException)
                    {
                    }
                });
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
