using System.Security.Cryptography;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Channels;

/// <summary>
/// A real client DataChannel and a real agent DataChannel through a <see cref="LossyGateway"/>:
/// bulk transfers must arrive byte-identical, in order, exactly once.
/// </summary>
public class DataChannelLossTests
{
    private const int ChunkSize = ClientMessageCodec.StreamPayloadSize;
    private static readonly DataChannelOptions s_agentOptions = new() { ClientInstanceId = "ecs:cluster_task_runtime" };

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task SendAllAsync(DataChannel channel, byte[] data)
    {
        for (var offset = 0; offset < data.Length; offset += ChunkSize)
        {
            var length = Math.Min(ChunkSize, data.Length - offset);
            await channel.SendAsync(PayloadType.Output, data.AsMemory(offset, length), TestDeadline.Token());
        }
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes, checking that sequence numbers run 0, 1, 2, … with no repeats.</summary>
    private static async Task<byte[]> ReceiveAllAsync(DataChannel channel, int length, int signalAt = -1, TaskCompletionSource? signal = null)
    {
        var received = new byte[length];
        var total = 0;
        var expectedSequence = 0L;
        while (total < length)
        {
            var data = await channel.ReceiveAsync(TestDeadline.Token())
                ?? throw new InvalidOperationException($"channel ended after {total} of {length} bytes");
            Assert.Equal(expectedSequence++, data.SequenceNumber);
            data.Payload.Span.CopyTo(received.AsSpan(total));
            total += data.Payload.Length;
            if (total >= signalAt)
            {
                signal?.TrySetResult();
            }
        }

        return received;
    }

    /// <summary>Awaits a transfer; on a hang, fails with both channels' state rather than a bare timeout.</summary>
    private static async Task WithinDeadlineAsync(Task transfer, DataChannel client, DataChannel agent)
    {
        try
        {
            await transfer.WithinTestDeadline();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"transfer stalled\nclient: {client.Statistics}\n  {client.DebugState}\nagent: {agent.Statistics}\n  {agent.DebugState}");
        }
    }

    private static async Task<(DataChannel Client, DataChannel Agent)> OpenPairAsync(LossyGateway gateway, int? windowCapacity = null)
    {
        var clientOptions = DataChannelOptions.Default;
        var agentOptions = s_agentOptions;
        if (windowCapacity is { } capacity)
        {
            clientOptions = clientOptions with { OutgoingWindowCapacity = capacity, ReorderBufferCapacity = capacity };
            agentOptions = agentOptions with { OutgoingWindowCapacity = capacity, ReorderBufferCapacity = capacity };
        }

        var agent = new DataChannel(DataChannelRole.Agent, gateway.AgentConnector, agentOptions);
        var client = new DataChannel(DataChannelRole.Client, gateway.ClientConnector, clientOptions);
        await agent.OpenAsync(TestDeadline.Token()).WithinTestDeadline();
        await client.OpenAsync(TestDeadline.Token()).WithinTestDeadline();
        return (client, agent);
    }

    [Fact]
    public async Task Transfer_BothDirectionsUnderDropDuplicateDelay_ByteIdentical()
    {
        var faults = new LinkFaults(Drop: 0.03, Duplicate: 0.03, Delay: 0.05, MaxDelayFrames: 16);
        await using var gateway = new LossyGateway(faults, faults, seed: 20260101);
        var (client, agent) = await OpenPairAsync(gateway);
        await using var _ = client;
        await using var __ = agent;
        var upload = RandomBytes(12 * 1024 * 1024, seed: 1);
        var download = RandomBytes(12 * 1024 * 1024, seed: 2);

        var uploaded = ReceiveAllAsync(agent, upload.Length);
        var downloaded = ReceiveAllAsync(client, download.Length);
        await WithinDeadlineAsync(Task.WhenAll(SendAllAsync(client, upload), SendAllAsync(agent, download), uploaded, downloaded), client, agent);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(upload)), Convert.ToHexString(SHA256.HashData(await uploaded)));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(download)), Convert.ToHexString(SHA256.HashData(await downloaded)));
        Assert.True(gateway.ClientToAgent is { Dropped: > 0, Duplicated: > 0, Delayed: > 0 });
        Assert.True(gateway.AgentToClient is { Dropped: > 0, Duplicated: > 0, Delayed: > 0 });
        Assert.True(client.Statistics is { MessagesRetransmitted: > 0, DuplicatesReceived: > 0 });
        Assert.True(agent.Statistics is { MessagesRetransmitted: > 0, DuplicatesReceived: > 0 });
        await client.FlushAsync(TestDeadline.Token()).WithinTestDeadline();
        await agent.FlushAsync(TestDeadline.Token()).WithinTestDeadline();
    }

    [Theory]
    [InlineData(DataChannelRole.Client)]
    [InlineData(DataChannelRole.Agent)]
    public async Task Transfer_ForcedDisconnectMidTransfer_NothingLostNoDuplicatesDelivered(DataChannelRole disconnected)
    {
        var faults = new LinkFaults(Drop: 0.01, Duplicate: 0.01, Delay: 0.02);
        await using var gateway = new LossyGateway(faults, faults, seed: 7);
        // Small windows keep both writers well behind the readers, so the disconnect really lands
        // mid-transfer and the rest can only flow over the new socket.
        var (client, agent) = await OpenPairAsync(gateway, windowCapacity: 256);
        await using var _ = client;
        await using var __ = agent;
        var upload = RandomBytes(2 * 1024 * 1024, seed: 3);
        var download = RandomBytes(2 * 1024 * 1024, seed: 4);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var uploaded = ReceiveAllAsync(agent, upload.Length, signalAt: upload.Length / 4, halfway);
        var downloaded = ReceiveAllAsync(client, download.Length);
        var writers = Task.WhenAll(SendAllAsync(client, upload), SendAllAsync(agent, download));
        await halfway.Task.WithinTestDeadline();
        if (disconnected == DataChannelRole.Client)
        {
            gateway.DisconnectClient();
        }
        else
        {
            gateway.DisconnectAgent();
        }

        await WithinDeadlineAsync(Task.WhenAll(writers, uploaded, downloaded), client, agent);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(upload)), Convert.ToHexString(SHA256.HashData(await uploaded)));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(download)), Convert.ToHexString(SHA256.HashData(await downloaded)));
        var (reconnected, other) = disconnected == DataChannelRole.Client ? (client, agent) : (agent, client);
        Assert.Equal(1, reconnected.Statistics.Reconnects);
        Assert.Equal(0, other.Statistics.Reconnects);
        var opens = disconnected == DataChannelRole.Client ? gateway.ClientOpens : gateway.AgentOpens;
        Assert.Equal(2, opens.Count);
        Assert.Equal(2, opens.Select(o => o.TokenValue).Distinct().Count());
        Assert.Single(opens.Select(o => o.ClientId).Distinct());
    }
}
