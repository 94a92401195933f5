using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Tests.Support;

namespace EcsOps.Protocol.Tests.Sessions;

public class DataChannelStreamTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_5000Bytes_SendsOutputMessagesOfAtMost1024()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        await using var stream = new DataChannelStream(client);
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        await stream.WriteAsync(data).AsTask().WaitAsync(s_deadline);

        var received = new List<byte>();
        var sizes = new List<int>();
        while (received.Count < data.Length)
        {
            var message = (await agent.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(s_deadline))!.Value;
            Assert.Equal(PayloadType.Output, message.PayloadType);
            sizes.Add(message.Payload.Length);
            received.AddRange(message.Payload.ToArray());
        }

        Assert.Equal([1024, 1024, 1024, 1024, 904], sizes);
        Assert.Equal(data, received);
    }

    [Fact]
    public async Task Write_CallerReusesBuffer_SentPayloadUnchanged()
    {
        var (client, agent) = PerfectStreamDataChannel.CreatePair();
        var recording = new RecordingChannel(client);
        await using var stream = new DataChannelStream(recording);
        var buffer = "first"u8.ToArray();

        await stream.WriteAsync(buffer).AsTask().WaitAsync(s_deadline);
        "XXXXX"u8.CopyTo(buffer);

        Assert.Equal("first"u8.ToArray(), recording.Payloads.Single().ToArray());
    }

    [Fact]
    public async Task Read_DeliveredPayloadsThenComplete_ReturnsBytesThenEndOfStream()
    {
        var (client, _) = PerfectStreamDataChannel.CreatePair();
        await using var stream = new DataChannelStream(client);

        await stream.DeliverAsync("abc"u8.ToArray(), CancellationToken.None);
        await stream.DeliverAsync("def"u8.ToArray(), CancellationToken.None);
        stream.CompleteDelivery();

        var all = new MemoryStream();
        await stream.CopyToAsync(all).WaitAsync(s_deadline);
        Assert.Equal("abcdef"u8.ToArray(), all.ToArray());
    }

    [Fact]
    public async Task Read_DeliveryFailed_ThrowsTheFailure()
    {
        var (client, _) = PerfectStreamDataChannel.CreatePair();
        await using var stream = new DataChannelStream(client);

        stream.CompleteDelivery(new ProtocolException(ProtocolError.BadPayload, "broken channel"));

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => stream.ReadAsync(new byte[1]).AsTask().WaitAsync(s_deadline));
        Assert.Equal("broken channel", ex.Message);
    }

    [Fact]
    public async Task Deliver_ReaderFarBehind_WaitsUntilReaderCatchesUp()
    {
        var (client, _) = PerfectStreamDataChannel.CreatePair();
        await using var stream = new DataChannelStream(client, receiveBufferLimit: 4096);

        // The pipe pauses once 4096 unread bytes are in it, so the fourth delivery waits.
        for (var i = 0; i < 3; i++)
        {
            await stream.DeliverAsync(new byte[1024], CancellationToken.None).AsTask().WaitAsync(s_deadline);
        }

        var blocked = stream.DeliverAsync(new byte[1024], CancellationToken.None).AsTask();
        Assert.False(blocked.IsCompleted);

        await stream.ReadExactlyAsync(new byte[4096]).AsTask().WaitAsync(s_deadline);
        await blocked.WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Dispose_WithPendingRead_EndsTheRead()
    {
        var (client, _) = PerfectStreamDataChannel.CreatePair();
        var stream = new DataChannelStream(client);
        var pending = stream.ReadAsync(new byte[1]).AsTask();

        await stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(s_deadline));
        await stream.DeliverAsync(new byte[1], CancellationToken.None).AsTask().WaitAsync(s_deadline);
    }

    /// <summary>Passes sends through and keeps the exact memory it was given.</summary>
    private sealed class RecordingChannel(PerfectStreamDataChannel inner) : EcsOps.Protocol.Channels.IStreamDataChannel
    {
        public List<ReadOnlyMemory<byte>> Payloads { get; } = [];

        public EcsOps.Protocol.Channels.DataChannelRole Role => inner.Role;

        public ChannelClosedContent? ClosedBy => inner.ClosedBy;

        public Task Completion => inner.Completion;

        public ValueTask SendAsync(PayloadType payloadType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            Payloads.Add(payload);
            return inner.SendAsync(payloadType, payload, cancellationToken);
        }

        public ValueTask<EcsOps.Protocol.Channels.StreamData?> ReceiveAsync(CancellationToken cancellationToken) => inner.ReceiveAsync(cancellationToken);

        public Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    }
}
