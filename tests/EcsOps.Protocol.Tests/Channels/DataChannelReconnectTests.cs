using System.Text;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Tests.Support;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Channels;

/// <summary>Losing the socket without channel_closed: resume with sequence state kept, or fail clearly.</summary>
public sealed class DataChannelReconnectTests : IAsyncDisposable
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

    private async Task<(DataChannel Channel, ScriptedPeer Peer)> OpenAsync(DataChannelOptions? options = null)
    {
        _channel = new DataChannel(DataChannelRole.Client, _connector, options ?? DataChannelOptions.Default, _clock);
        await _channel.OpenAsync(TestDeadline.Token()).WithinTestDeadline();
        var peer = await _connector.NextPeerAsync();
        await peer.ReadOpenAsync();
        return (_channel, peer);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> payload) => Encoding.UTF8.GetString(payload.Span);

    /// <summary>
    /// Moves the manual clock from one reconnect delay (at most 5 s) to the next until the channel ends.
    /// The per-attempt budget timeout is a timer too; waiting only for short timers keeps the test from
    /// jumping to it while an attempt is under way.
    /// </summary>
    private async Task RunClockUntilCompletedAsync(DataChannel channel)
    {
        for (var step = 0; step < 1000 && !channel.Completion.IsCompleted; step++)
        {
            await Task.WhenAny(_clock.WaitForTimerWithinAsync(ReconnectBackoff.MaxDelay), channel.Completion).WithinTestDeadline();
            _clock.AdvanceToNextTimer();
        }
    }

    [Fact]
    public async Task SocketClosedWithoutChannelClosed_Resumes_NewTokenSameClientIdUnackedResentInOrder()
    {
        var (channel, first) = await OpenAsync();
        await channel.SendAsync(PayloadType.Output, Bytes("a"), TestDeadline.Token());
        await channel.SendAsync(PayloadType.Output, Bytes("b"), TestDeadline.Token());
        await first.ReadFrameAsync();
        await first.ReadFrameAsync();
        await first.SendAcknowledgeAsync(MessageType.InputStreamData, 0);
        await first.SendStreamDataAsync(MessageType.OutputStreamData, 0, "out-0");
        await first.ReadAcknowledgeAsync();

        // The service's hourly close: code 1000, no channel_closed.
        await first.Wire.CloseAsync(CancellationToken.None);
        var sendDuringResume = channel.SendAsync(PayloadType.Output, Bytes("c"), TestDeadline.Token());
        var second = await _connector.NextPeerAsync();
        var open = await second.ReadOpenAsync();
        await sendDuringResume.WithinTestDeadline();
        var resent = new[] { await second.ReadFrameAsync(), await second.ReadFrameAsync() };
        await second.SendStreamDataAsync(MessageType.OutputStreamData, 1, "out-1");

        Assert.Equal([false, true], _connector.ResumeFlags);
        Assert.Equal(second.Token, open.TokenValue);
        Assert.Equal(channel.ClientId, open.ClientId);
        Assert.Equal([(1L, "b"), (2L, "c")], resent.Select(f => (f.SequenceNumber, Text(f.Payload))));
        Assert.Equal("out-0", Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        Assert.Equal("out-1", Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        Assert.Equal(1, channel.Statistics.Reconnects);
        Assert.Equal(DataChannelState.Open, channel.State);
    }

    [Fact]
    public async Task Reconnect_EachConnect_NewRequestId()
    {
        var (_, first) = await OpenAsync();
        first.Wire.Break();
        var second = await _connector.NextPeerAsync();
        var secondOpen = await second.ReadOpenAsync();
        second.Wire.Break();
        var third = await _connector.NextPeerAsync();
        var thirdOpen = await third.ReadOpenAsync();

        Assert.NotEqual(secondOpen.RequestId, thirdOpen.RequestId);
        Assert.Equal(secondOpen.ClientId, thirdOpen.ClientId);
    }

    [Fact]
    public async Task Reconnect_BudgetExhausted_CompletionFaultsAndCallsThrow()
    {
        var (channel, peer) = await OpenAsync(new DataChannelOptions { ReconnectBudget = TimeSpan.FromSeconds(30) });
        _connector.FailWith = resume => resume ? new TransportException("ResumeSession refused", isTransient: true) : null;

        var started = _clock.GetUtcNow();
        await peer.Wire.CloseAsync(CancellationToken.None);
        await RunClockUntilCompletedAsync(channel);

        var error = await Assert.ThrowsAsync<TransportException>(() => channel.Completion).WithinTestDeadline();
        Assert.False(error.IsTransient);
        Assert.True(_connector.Attempts >= 5, $"{_connector.Attempts} connects: {error}");
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromSeconds(25), "gave up before the budget was spent");
        Assert.Equal(DataChannelState.Broken, channel.State);
        await Assert.ThrowsAsync<TransportException>(() => channel.SendAsync(PayloadType.Output, Bytes("x"), TestDeadline.Token()).AsTask());
        await Assert.ThrowsAsync<TransportException>(() => channel.ReceiveAsync(TestDeadline.Token()).AsTask());
    }

    [Fact]
    public async Task Reconnect_NonTransientFailure_BreaksWithoutRetrying()
    {
        var (channel, peer) = await OpenAsync();
        var fatal = new TransportException("session terminated", isTransient: false);
        _connector.FailWith = resume => resume ? fatal : null;

        peer.Wire.Break();

        var error = await Assert.ThrowsAsync<TransportException>(() => channel.Completion).WithinTestDeadline();
        Assert.Same(fatal, error);
        Assert.Equal(2, _connector.Attempts);
    }

    [Fact]
    public async Task Reconnect_Disabled_SocketLossBreaksChannel()
    {
        var (channel, peer) = await OpenAsync(new DataChannelOptions { Reconnect = false });

        peer.Wire.Break();

        await Assert.ThrowsAsync<TransportException>(() => channel.Completion).WithinTestDeadline();
        Assert.Equal(1, _connector.Attempts);
    }

    [Fact]
    public async Task Reconnect_ReceivedDataKeptAcrossSockets_DuplicateFromNewSocketReacked()
    {
        var (channel, first) = await OpenAsync();
        await first.SendStreamDataAsync(MessageType.OutputStreamData, 0, "x");
        await first.ReadAcknowledgeAsync();

        first.Wire.Break();
        var second = await _connector.NextPeerAsync();
        await second.ReadOpenAsync();
        // The agent never saw the first ack, so it resends; the channel must ack it again.
        await second.SendStreamDataAsync(MessageType.OutputStreamData, 0, "x");
        var ack = await second.ReadAcknowledgeAsync();

        Assert.Equal(0, ack.AcknowledgedMessageSequenceNumber);
        Assert.Equal("x", Text((await channel.ReceiveAsync(TestDeadline.Token()).WithinTestDeadline())!.Value.Payload));
        Assert.Equal(1, channel.Statistics.DuplicatesReceived);
    }

    [Fact]
    public async Task Open_InitialConnectFails_ThrowsAndBreaks()
    {
        _connector.FailWith = _ => new TransportException("no route", isTransient: true);
        _channel = new DataChannel(DataChannelRole.Client, _connector, DataChannelOptions.Default, _clock);

        await Assert.ThrowsAsync<TransportException>(() => _channel.OpenAsync(TestDeadline.Token()));

        Assert.Equal(DataChannelState.Broken, _channel.State);
        Assert.True(_channel.Completion.IsFaulted);
    }
}
