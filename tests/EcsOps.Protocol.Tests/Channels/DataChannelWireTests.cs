using System.Buffers.Binary;
using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Tests.Support;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Channels;

/// <summary>
/// One DataChannel against a <see cref="ScriptedPeer"/>, asserting what crosses the wire. A manual clock
/// keeps retransmissions out of the picture unless a test moves time.
/// </summary>
public sealed class DataChannelWireTests : IAsyncDisposable
{
    private readonly ManualClock _clock = new();
    private readonly ScriptedConnector _connector = new();
    private DataChannel? _channel;

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }

    private async Task<(DataChannel Channel, ScriptedPeer Peer)> OpenAsync(
        DataChannelRole role = DataChannelRole.Client, DataChannelOptions? options = null)
    {
        options ??= role == DataChannelRole.Agent
            ? new DataChannelOptions { ClientInstanceId = "ecs:cluster_task_runtime" }
            : DataChannelOptions.Default;
        _channel = new DataChannel(role, _connector, options, _clock);
        await _channel.OpenAsync(TestDeadline.Token()).WithinTestDeadline();
        var peer = await _connector.NextPeerAsync();
        return (_channel, peer);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> payload) => Encoding.UTF8.GetString(payload.Span);

    [Fact]
    public async Task Open_Client_SendsOpenDataChannelTextFrameFirst()
    {
        var (channel, peer) = await OpenAsync();

        var open = await peer.ReadOpenAsync();

        Assert.Equal("1.0", open.MessageSchemaVersion);
        Assert.True(Guid.TryParse(open.RequestId, out _));
        Assert.Equal(peer.Token, open.TokenValue);
        Assert.Equal(channel.ClientId, open.ClientId);
        Assert.Equal(DataChannelOptions.DefaultClientVersion, open.ClientVersion);
        Assert.Equal("1.2.764.0", open.ClientVersion);
        Assert.Null(open.ClientInstanceId);
        Assert.Equal(DataChannelState.Open, channel.State);
    }

    [Fact]
    public async Task Open_Agent_ReportsClientInstanceIdInsteadOfClientVersion()
    {
        var (_, peer) = await OpenAsync(DataChannelRole.Agent);

        var open = await peer.ReadOpenAsync();

        Assert.Equal("ecs:cluster_task_runtime", open.ClientInstanceId);
        Assert.Null(open.ClientVersion);
    }

    [Fact]
    public async Task Send_Client_InputStreamDataSequencedFromZeroWithoutFlags()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();

        await channel.SendAsync(PayloadType.Size, Bytes("{\"cols\":80,\"rows\":24}"), TestDeadline.Token());
        await channel.SendAsync(PayloadType.Output, Bytes("ls\r"), TestDeadline.Token());
        var first = await peer.ReadFrameAsync();
        var second = await peer.ReadFrameAsync();

        Assert.Equal((MessageType.InputStreamData, 0L, 0UL, PayloadType.Size), (first.MessageType, first.SequenceNumber, first.Header.Flags, first.PayloadType));
        Assert.Equal((MessageType.InputStreamData, 1L, 0UL, PayloadType.Output), (second.MessageType, second.SequenceNumber, second.Header.Flags, second.PayloadType));
        Assert.Equal("ls\r", Text(second.Payload));
        Assert.Equal((ulong)_clock.GetUtcNow().ToUnixTimeMilliseconds(), first.Header.CreatedDate);
        Assert.NotEqual(first.Header.MessageId, second.Header.MessageId);
    }

    [Fact]
    public async Task Send_Agent_OutputStreamDataSequenceZeroCarriesSyn()
    {
        var (channel, peer) = await OpenAsync(DataChannelRole.Agent);
        await peer.ReadOpenAsync();

        await channel.SendAsync(PayloadType.Output, Bytes("$ "), TestDeadline.Token());
        await channel.SendAsync(PayloadType.Output, Bytes("ok"), TestDeadline.Token());
        var first = await peer.ReadFrameAsync();
        var second = await peer.ReadFrameAsync();

        Assert.Equal((MessageType.OutputStreamData, 0L, ClientMessageHeader.FlagSyn), (first.MessageType, first.SequenceNumber, first.Header.Flags));
        Assert.Equal((1L, 0UL), (second.SequenceNumber, second.Header.Flags));
    }

    [Fact]
    public async Task Send_PayloadOverLimit_ThrowsArgumentException()
    {
        var (channel, _) = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(
            () => channel.SendAsync(PayloadType.Output, new byte[DataChannelOptions.DefaultMaxPayloadLength + 1], TestDeadline.Token()).AsTask());
    }

    [Fact]
    public async Task StreamData_Received_AckedWithSynFinAndAckContent()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();

        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 0, "prompt$ ");
        var ackFrame = await peer.ReadFrameAsync();
        var ack = AcknowledgeContent.Parse(ackFrame.Payload.Span);
        var delivered = await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal(MessageType.Acknowledge, ackFrame.MessageType);
        Assert.Equal((0L, 3UL, PayloadType.None), (ackFrame.SequenceNumber, ackFrame.Header.Flags, ackFrame.PayloadType));
        Assert.Equal(MessageType.OutputStreamData, ack.AcknowledgedMessageType);
        Assert.Equal(0, ack.AcknowledgedMessageSequenceNumber);
        Assert.True(ack.IsSequentialMessage);
        Assert.Equal("prompt$ ", Text(delivered!.Value.Payload));
    }

    [Fact]
    public async Task StreamData_Duplicate_IsAckedAgainAndDeliveredOnce()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        var frame = ClientMessageCodec.Encode(
            new ClientMessageHeader(MessageType.OutputStreamData, 0, 1, Guid.NewGuid(), PayloadType.Output, 1), Bytes("once"));

        await peer.SendRawAsync(frame);
        var firstAck = await peer.ReadAcknowledgeAsync();
        await peer.SendRawAsync(frame);
        var secondAck = await peer.ReadAcknowledgeAsync();
        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 1, "next");

        Assert.Equal(firstAck, secondAck);
        Assert.Equal("once", Text((await channel.ReceiveAsync(TestDeadline.Token()))!.Value.Payload));
        Assert.Equal("next", Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        Assert.Equal(1, channel.Statistics.DuplicatesReceived);
    }

    [Fact]
    public async Task StreamData_AlreadyBufferedOutOfOrder_IsReackedNotStoredTwice()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();

        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 1, "b");
        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 1, "b");
        Assert.Equal(1, (await peer.ReadAcknowledgeAsync()).AcknowledgedMessageSequenceNumber);
        Assert.Equal(1, (await peer.ReadAcknowledgeAsync()).AcknowledgedMessageSequenceNumber);
        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 0, "a");

        Assert.Equal(0, (await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.SequenceNumber);
        Assert.Equal(1, (await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.SequenceNumber);
        Assert.Equal(1, channel.Statistics.DuplicatesReceived);
    }

    [Fact]
    public async Task StreamData_ArrivesOutOfOrder_AckedOnArrivalDeliveredInOrder()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();

        foreach (var seq in new[] { 2, 0, 1 })
        {
            await peer.SendStreamDataAsync(MessageType.OutputStreamData, seq, $"m{seq}");
        }

        var acked = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            acked.Add((await peer.ReadAcknowledgeAsync()).AcknowledgedMessageSequenceNumber);
        }

        var delivered = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            delivered.Add(Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        }

        Assert.Equal([2L, 0L, 1L], acked);
        Assert.Equal(["m0", "m1", "m2"], delivered);
    }

    [Fact]
    public async Task StreamData_BeyondReorderCapacity_DroppedWithoutAck()
    {
        var (channel, peer) = await OpenAsync(options: new DataChannelOptions { ReorderBufferCapacity = 2 });
        await peer.ReadOpenAsync();

        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 2, "too far ahead");
        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 0, "in range");

        // Acks go out in arrival order, so an ack for 2 would come first.
        Assert.Equal(0, (await peer.ReadAcknowledgeAsync()).AcknowledgedMessageSequenceNumber);
        Assert.Equal(1, channel.Statistics.MessagesRefused);
        Assert.Equal(0, (await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.SequenceNumber);
    }

    [Fact]
    public async Task Send_WindowFull_WaitsUntilAckArrives()
    {
        var (channel, peer) = await OpenAsync(options: new DataChannelOptions { OutgoingWindowCapacity = 4 });
        await peer.ReadOpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await channel.SendAsync(PayloadType.Output, Bytes($"m{i}"), TestDeadline.Token()).WithinTestDeadline();
        }

        var fifth = channel.SendAsync(PayloadType.Output, Bytes("m4"), TestDeadline.Token()).AsTask();

        Assert.False(fifth.IsCompleted);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i, (await peer.ReadFrameAsync()).SequenceNumber);
        }

        Assert.False(fifth.IsCompleted);
        await peer.SendAcknowledgeAsync(MessageType.InputStreamData, 0);
        await fifth.WithinTestDeadline();
        var sent = await peer.ReadFrameAsync();
        Assert.Equal((4L, "m4"), (sent.SequenceNumber, Text(sent.Payload)));
    }

    [Fact]
    public async Task Send_WindowFull_SenderWokenOnlyOnceAnEighthOfTheWindowIsFree()
    {
        var (channel, peer) = await OpenAsync(options: new DataChannelOptions { OutgoingWindowCapacity = 16 });
        await peer.ReadOpenAsync();
        for (var i = 0; i < 16; i++)
        {
            await channel.SendAsync(PayloadType.Output, Bytes($"m{i}"), TestDeadline.Token()).WithinTestDeadline();
            await peer.ReadFrameAsync();
        }

        var blocked = channel.SendAsync(PayloadType.Output, Bytes("m16"), TestDeadline.Token()).AsTask();
        await peer.SendAcknowledgeAsync(MessageType.InputStreamData, 0);
        await peer.WaitUntilHandledAsync();

        Assert.False(blocked.IsCompleted);
        await peer.SendAcknowledgeAsync(MessageType.InputStreamData, 1);
        await blocked.WithinTestDeadline();
        var sent = await peer.ReadFrameAsync();
        Assert.Equal((16L, "m16"), (sent.SequenceNumber, Text(sent.Payload)));
    }

    [Fact]
    public async Task Flush_UnackedMessage_CompletesWhenAcked()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("x"), TestDeadline.Token());
        await peer.ReadFrameAsync();

        var flush = channel.FlushAsync(TestDeadline.Token());
        Assert.False(flush.IsCompleted);
        await peer.SendAcknowledgeAsync(MessageType.InputStreamData, 0);

        await flush.WithinTestDeadline();
        Assert.Equal(1, channel.Statistics.AcknowledgementsReceived);
    }

    [Fact]
    public async Task Send_UnackedPastTimeout_SameMessageRetransmitted()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("x"), TestDeadline.Token());
        await peer.ReadFrameAsync();

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var retransmitted = await peer.ReadFrameAsync();

        Assert.Equal((0L, "x"), (retransmitted.SequenceNumber, Text(retransmitted.Payload)));
        Assert.Equal(1, channel.Statistics.MessagesRetransmitted);
    }

    [Fact]
    public async Task PausePublication_StopsNewDataAndRetransmissions_UntilStartPublication()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("before"), TestDeadline.Token());
        await peer.ReadFrameAsync();

        await peer.SendControlAsync(MessageType.PausePublication, []);
        await peer.WaitUntilHandledAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("during"), TestDeadline.Token());
        _clock.Advance(TimeSpan.FromSeconds(30));
        // A frame the channel drops without resuming, as a barrier behind the clock moves above.
        await peer.SendControlAsync(MessageType.AgentSessionState, []);
        await peer.WaitUntilHandledAsync();

        Assert.False(peer.TryReadPending(out _));
        Assert.Equal(1, channel.Statistics.MessagesSent);
        Assert.Equal(0, channel.Statistics.MessagesRetransmitted);

        await peer.SendControlAsync(MessageType.StartPublication, []);
        var sequences = new HashSet<long> { (await peer.ReadFrameAsync()).SequenceNumber, (await peer.ReadFrameAsync()).SequenceNumber };
        Assert.Equal([0L, 1L], sequences.Order());
    }

    [Fact]
    public async Task StartPublication_ManyMessagesQueued_SentInSequenceInWritesOfAtMostTheBatchLimit()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        await peer.SendControlAsync(MessageType.PausePublication, []);
        await peer.WaitUntilHandledAsync();
        var queued = DataChannel.MaxWriteBatch + 8;
        for (var i = 0; i < queued; i++)
        {
            await channel.SendAsync(PayloadType.Output, Bytes($"m{i}"), TestDeadline.Token());
        }

        peer.ChannelEnd.ClearWrites();
        await peer.SendControlAsync(MessageType.StartPublication, []);
        for (var i = 0; i < queued; i++)
        {
            var frame = await peer.ReadFrameAsync();
            Assert.Equal(i, frame.SequenceNumber);
            Assert.Equal($"m{i}", Text(frame.Payload));
        }

        Assert.Equal([DataChannel.MaxWriteBatch, 8], peer.ChannelEnd.Writes);
    }

    [Fact]
    public async Task StreamData_ArrivesWhileDataIsQueued_AckGoesFirstInTheSameWrite()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        await peer.SendControlAsync(MessageType.PausePublication, []);
        await peer.WaitUntilHandledAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("a"), TestDeadline.Token());
        await channel.SendAsync(PayloadType.Output, Bytes("b"), TestDeadline.Token());
        peer.ChannelEnd.ClearWrites();

        // Stream data both resumes publication and needs an ack: one wake-up, one write.
        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 0, "x");

        var ack = AcknowledgeContent.Parse((await peer.ReadFrameAsync()).Payload.Span);
        Assert.Equal(0, ack.AcknowledgedMessageSequenceNumber);
        Assert.Equal(MessageType.OutputStreamData, ack.AcknowledgedMessageType);
        Assert.Equal("a", Text((await peer.ReadFrameAsync()).Payload));
        Assert.Equal("b", Text((await peer.ReadFrameAsync()).Payload));
        Assert.Equal([3], peer.ChannelEnd.Writes);
    }

    [Fact]
    public async Task ChannelClosed_AfterData_ReceiveDrainsThenReturnsNull()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        var content = new ChannelClosedContent(
            Guid.NewGuid().ToString(), "2026-01-01T00:00:00Z", "ecs:c_t_r", "session-1", MessageType.ChannelClosed, 1, "bye");

        await peer.SendStreamDataAsync(MessageType.OutputStreamData, 0, "last words");
        await peer.SendControlAsync(MessageType.ChannelClosed, content.ToJson());

        Assert.Equal("last words", Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        Assert.Null(await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline());
        await channel.Completion.WithinTestDeadline();
        // channel_closed is never acked (the ack of "last words" may or may not have made it out).
        while (peer.TryReadPending(out var frame))
        {
            Assert.Equal(MessageType.OutputStreamData, AcknowledgeContent.Parse(frame.Payload.Span).AcknowledgedMessageType);
        }
        Assert.Equal(content, channel.ClosedBy);
        Assert.Equal(DataChannelState.Closed, channel.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => channel.SendAsync(PayloadType.Output, Bytes("late"), TestDeadline.Token()).AsTask());
    }

    [Fact]
    public async Task ChannelClosed_UnreadablePayload_StillCloses()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();

        await peer.SendControlAsync(MessageType.ChannelClosed, Bytes("not json"));

        await channel.Completion.WithinTestDeadline();
        Assert.NotNull(channel.ClosedBy);
        Assert.Null(await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline());
    }

    [Fact]
    public async Task ChannelClosed_ServiceShortHeaderNulPadded_Closes()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        var payload = Bytes("{\"SessionId\":\"s-1\",\"Output\":\"timed out\"}");
        var full = ClientMessageCodec.Encode(
            new ClientMessageHeader(MessageType.ChannelClosed, 0, 0, Guid.NewGuid(), PayloadType.None, 1), payload);
        var shortFrame = new byte[full.Length - 4];
        full.AsSpan(0, 112).CopyTo(shortFrame);
        BinaryPrimitives.WriteUInt32BigEndian(shortFrame, 112);
        shortFrame.AsSpan(4 + MessageType.ChannelClosed.Length, 32 - MessageType.ChannelClosed.Length).Clear();
        BinaryPrimitives.WriteUInt32BigEndian(shortFrame.AsSpan(112), (uint)payload.Length);
        payload.CopyTo(shortFrame, 116);

        await peer.SendRawAsync(shortFrame);

        await channel.Completion.WithinTestDeadline();
        Assert.Equal("timed out", channel.ClosedBy!.Output);
    }

    [Fact]
    public async Task MalformedAndUnexpectedFrames_AreDroppedAndChannelKeepsWorking()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        var good = ClientMessageCodec.Encode(
            new ClientMessageHeader(MessageType.OutputStreamData, 0, 1, Guid.NewGuid(), PayloadType.Output, 1), Bytes("good"));
        var badDigest = (byte[])good.Clone();
        badDigest[^1] ^= 0xff;
        var badHeaderLength = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(badHeaderLength, 99);

        await peer.SendRawAsync(badDigest);
        await peer.SendRawAsync(good[..50]);
        await peer.SendRawAsync(badHeaderLength);
        await peer.SendRawAsync([]);
        await peer.SendRawAsync(Bytes("{\"late\":\"text\"}"), TransportMessageKind.Text);
        await peer.SendControlAsync(MessageType.AgentSessionState, Bytes("{\"SessionState\":\"Connected\"}"));
        await peer.SendControlAsync("agent_task_reply", []);
        await peer.SendStreamDataAsync(MessageType.InputStreamData, 0, "wrong direction");
        await peer.SendControlAsync(MessageType.Acknowledge, Bytes("{broken"));
        await peer.SendAcknowledgeAsync(MessageType.InputStreamData, 42);
        await peer.SendRawAsync(good);

        // The first ack is for "good": none for the dropped frames, and acks are never acked.
        var ack = await peer.ReadAcknowledgeAsync();
        Assert.Equal((MessageType.OutputStreamData, 0L), (ack.AcknowledgedMessageType, ack.AcknowledgedMessageSequenceNumber));
        Assert.Equal("good", Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        Assert.Equal(9, channel.Statistics.InvalidMessagesDropped);

        await channel.SendAsync(PayloadType.Output, Bytes("still alive"), TestDeadline.Token());
        Assert.Equal(0, (await peer.ReadFrameAsync()).SequenceNumber);
        await peer.SendAcknowledgeAsync(MessageType.InputStreamData, 0);
        await channel.FlushAsync(TestDeadline.Token()).WithinTestDeadline();
        Assert.Equal(DataChannelState.Open, channel.State);
    }

    [Fact]
    public async Task PeerSilence_NoAckForTimeout_BreaksWithTimeoutAfterProbingWithBackoff()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("anyone?"), TestDeadline.Token());
        await peer.ReadFrameAsync();

        for (var step = 0; step < 1000 && !channel.Completion.IsCompleted; step++)
        {
            await Task.WhenAny(_clock.WaitForScheduledTimerAsync(), channel.Completion).WithinTestDeadline();
            _clock.AdvanceToNextTimer();
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => channel.Completion).WithinTestDeadline();
        Assert.Contains("peer stopped acknowledging", error.Message, StringComparison.Ordinal);
        Assert.Equal(DataChannelState.Broken, channel.State);
        await Assert.ThrowsAsync<TimeoutException>(() => channel.SendAsync(PayloadType.Output, Bytes("x"), TestDeadline.Token()).AsTask());
        await Assert.ThrowsAsync<TimeoutException>(() => channel.ReceiveAsync(TestDeadline.Token()).AsTask());
        // Backed off to one probe per 4 s: far fewer than the 5 min / 200 ms a fixed RTO would send.
        Assert.InRange(channel.Statistics.MessagesRetransmitted, 60, 100);
    }

    [Fact]
    public async Task SendPacing_Set_SenderWaitsOnTheClockForEachStreamDataMessage()
    {
        var (channel, peer) = await OpenAsync(options: new DataChannelOptions { SendPacing = TimeSpan.FromMilliseconds(1) });
        await peer.ReadOpenAsync();

        await channel.SendAsync(PayloadType.Output, Bytes("a"), TestDeadline.Token());
        var second = channel.SendAsync(PayloadType.Output, Bytes("b"), TestDeadline.Token()).AsTask();
        Assert.Equal(0, (await peer.ReadFrameAsync()).SequenceNumber);
        await _clock.WaitForScheduledTimerAsync().WithinTestDeadline();

        // The sender of "b" is held in its pacing delay (the producer feels the pace): not queued, not out.
        Assert.False(second.IsCompleted);
        Assert.False(peer.TryReadPending(out _));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.WithinTestDeadline();
        Assert.Equal(1, (await peer.ReadFrameAsync()).SequenceNumber);
    }

    [Fact]
    public async Task OpenAsync_CalledTwice_Throws()
    {
        var (channel, _) = await OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => channel.OpenAsync(TestDeadline.Token()));
    }

    [Fact]
    public async Task CloseAsync_Local_EndsClosedAndReceiveReturnsNull()
    {
        var (channel, peer) = await OpenAsync();
        await peer.ReadOpenAsync();

        await channel.CloseAsync(TestDeadline.Token()).WithinTestDeadline();

        Assert.Equal(DataChannelState.Closed, channel.State);
        Assert.Null(await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline());
        Assert.True(channel.Completion.IsCompletedSuccessfully);
        Assert.Null(await peer.Wire.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline());
    }
}
