using EcsOps.Protocol.Smux;

namespace EcsOps.Protocol.Tests.Smux;

public class SmuxKeepAliveTests
{
    private const string NopHex = "0103000000000000";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(10);
    private static readonly SmuxConfig s_keepAlive = new()
    {
        KeepAliveEnabled = true,
        KeepAliveInterval = TimeSpan.FromSeconds(10),
        KeepAliveTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task KeepAlive_NothingReceived_SendsNopsThenClosesWithTimeout()
    {
        var time = new ManualClock();
        var start = time.GetUtcNow();
        var (transport, peer) = DuplexPipe.Create(seed: 21);
        var session = SmuxSession.Client(transport, s_keepAlive, time);
        await time.WaitForTimersAsync(2).WaitAsync(s_deadline);

        for (var i = 0; i < 2; i++)
        {
            time.Advance(s_interval);
            Assert.Equal(NopHex, Convert.ToHexStringLower(await peer.ReadBytesAsync(8).WaitAsync(s_deadline)));
        }

        Assert.False(session.IsClosed);
        time.Advance(s_interval);

        await Assert.ThrowsAsync<TimeoutException>(() => session.Completion.WaitAsync(s_deadline));
        Assert.Equal(TimeSpan.FromSeconds(30), time.GetUtcNow() - start);
    }

    [Fact]
    public async Task KeepAlive_PeerKeepsSending_SessionStaysOpenUntilSilence()
    {
        var time = new ManualClock();
        var (transport, peer) = DuplexPipe.Create(seed: 22);
        var session = SmuxSession.Server(transport, s_keepAlive, time);
        await time.WaitForTimersAsync(2).WaitAsync(s_deadline);

        // 90 s with a frame from the peer in every 10 s step: checks at 30, 60 and 90 all find traffic.
        for (uint step = 0; step < 9; step++)
        {
            await peer.WriteAsync(SmuxSessionTests.Syn(2 * step + 3));
            Assert.NotNull(await session.AcceptStreamAsync().AsTask().WaitAsync(s_deadline));
            time.Advance(s_interval);
            Assert.Equal(NopHex, Convert.ToHexStringLower(await peer.ReadBytesAsync(8).WaitAsync(s_deadline)));
        }

        Assert.False(session.Completion.IsCompleted);

        // Then silence: the check at 120 s finds nothing since the one at 90 s.
        for (var step = 0; step < 3 && !session.IsClosed; step++)
        {
            time.Advance(s_interval);
            await peer.ReadBytesAsync(8).WaitAsync(s_deadline);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => session.Completion.WaitAsync(s_deadline));
        Assert.True(session.KeepAliveChecks >= 2);
    }

    [Fact]
    public async Task KeepAlive_Disabled_NoTimersAndNoNops()
    {
        var time = new ManualClock();
        var (transport, peer) = DuplexPipe.Create(seed: 23);
        await using var session = SmuxSession.Client(transport, s_keepAlive with { KeepAliveEnabled = false }, time);

        time.Advance(TimeSpan.FromMinutes(5));
        await using var stream = await session.OpenStreamAsync().WaitAsync(s_deadline);

        Assert.Equal(0, time.ScheduledTimerCount);
        Assert.Equal("0100000003000000", Convert.ToHexStringLower(await peer.ReadBytesAsync(8).WaitAsync(s_deadline)));
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task KeepAlive_ReceiveBufferFull_DoesNotCountAsSilence()
    {
        var time = new ManualClock();
        var (transport, peer) = DuplexPipe.Create(seed: 24);
        var config = s_keepAlive with { MaxReceiveBuffer = 1024, MaxStreamBuffer = 1024 };
        await using var session = SmuxSession.Server(transport, config, time);
        await time.WaitForTimersAsync(2).WaitAsync(s_deadline);

        // Fill the budget, never read: the receive loop stops, so the peer's next frames are not read.
        await peer.WriteAsync(SmuxSessionTests.Frames(SmuxSessionTests.Syn(3), SmuxSessionTests.Push(3, new byte[2048])));
        var stream = (await session.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        for (var step = 0; step < 9; step++)
        {
            time.Advance(s_interval);
            Assert.Equal(NopHex, Convert.ToHexStringLower(await peer.ReadBytesAsync(8).WaitAsync(s_deadline)));
        }

        Assert.False(session.IsClosed);
        var buffer = new byte[2048];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(s_deadline);
    }
}
