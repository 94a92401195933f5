using System.Security.Cryptography;
using EcsOps.Protocol.Smux;

namespace EcsOps.Protocol.Tests.Smux;

public class SmuxSessionTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly SmuxConfig s_noKeepAlive = new() { KeepAliveEnabled = false };

    [Fact]
    public async Task OpenStream_ThenWrite_SendsPluginBytes()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 1);
        await using var client = SmuxSession.Client(transport, s_noKeepAlive);

        await using var stream = await client.OpenStreamAsync().WaitAsync(s_deadline);
        await stream.WriteAsync("ECHO\n"u8.ToArray()).AsTask().WaitAsync(s_deadline);

        // Exactly what the official plugin sent for a new connection (fact sheet §7.3).
        var bytes = await peer.ReadBytesAsync(21).WaitAsync(s_deadline);
        Assert.Equal("0100000003000000" + "0102050003000000" + "4543484f0a", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public async Task OpenStream_ClientAndServer_UseOddIdsFrom3AndEvenIdsFrom2()
    {
        var (a, b) = DuplexPipe.Create(seed: 2);
        await using var client = SmuxSession.Client(a, s_noKeepAlive);
        await using var server = SmuxSession.Server(b, s_noKeepAlive);

        var clientIds = new List<uint>();
        var serverIds = new List<uint>();
        for (var i = 0; i < 3; i++)
        {
            clientIds.Add((await client.OpenStreamAsync().WaitAsync(s_deadline)).Id);
            serverIds.Add((await server.OpenStreamAsync().WaitAsync(s_deadline)).Id);
        }

        Assert.Equal([3u, 5u, 7u], clientIds);
        Assert.Equal([2u, 4u, 6u], serverIds);
        var acceptedByServer = await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline);
        Assert.Equal(3u, acceptedByServer!.Id);
        var acceptedByClient = await client.AcceptStreamAsync().AsTask().WaitAsync(s_deadline);
        Assert.Equal(2u, acceptedByClient!.Id);
    }

    [Fact]
    public async Task HundredStreams_BothWaysOverRandomlySplitTransport_ArriveIntact()
    {
        const int streamCount = 100;
        const int bytesPerDirection = 64 * 1024;
        var (a, b) = DuplexPipe.Create(seed: 3);
        await using var client = SmuxSession.Client(a, s_noKeepAlive);
        await using var server = SmuxSession.Server(b, s_noKeepAlive);

        var serverSide = Task.Run(async () =>
        {
            var handlers = new List<Task<(uint Id, string ReceivedHash, string SentHash)>>();
            for (var i = 0; i < streamCount; i++)
            {
                var stream = await server.AcceptStreamAsync();
                Assert.NotNull(stream);
                handlers.Add(Task.Run(async () =>
                {
                    await using var s = stream;
                    var reply = RandomNumberGenerator.GetBytes(bytesPerDirection);
                    var send = WriteInPiecesAsync(s, reply, seed: (int)s.Id);
                    var received = await ReadToEndAsync(s);
                    await send;
                    return (s.Id, Hash(received), Hash(reply));
                }));
            }

            return await Task.WhenAll(handlers);
        });

        var clientSide = Enumerable.Range(0, streamCount).Select(async i =>
        {
            var stream = await client.OpenStreamAsync();
            var request = RandomNumberGenerator.GetBytes(bytesPerDirection);
            var received = ReadToEndAsync(stream);
            await WriteInPiecesAsync(stream, request, seed: i);
            await stream.CloseWriteAsync();
            var reply = await received;
            await stream.DisposeAsync();
            return (stream.Id, SentHash: Hash(request), ReceivedHash: Hash(reply));
        }).ToList();

        var clientResults = (await Task.WhenAll(clientSide).WaitAsync(s_deadline)).ToDictionary(r => r.Id);
        var serverResults = await serverSide.WaitAsync(s_deadline);

        Assert.Equal(streamCount, serverResults.Length);
        foreach (var (id, serverReceived, serverSent) in serverResults)
        {
            Assert.Equal(clientResults[id].SentHash, serverReceived);
            Assert.Equal(serverSent, clientResults[id].ReceivedHash);
        }
    }

    [Fact]
    public async Task Dispose_AfterWrites_PeerReadsEverythingThenEndOfStream()
    {
        var (a, b) = DuplexPipe.Create(seed: 4);
        await using var client = SmuxSession.Client(a, s_noKeepAlive);
        await using var server = SmuxSession.Server(b, s_noKeepAlive);
        var data = RandomNumberGenerator.GetBytes(100_000);

        var stream = await client.OpenStreamAsync().WaitAsync(s_deadline);
        await stream.WriteAsync(data).AsTask().WaitAsync(s_deadline);
        await stream.DisposeAsync();

        var accepted = await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline);
        Assert.Equal(data, await ReadToEndAsync(accepted!).WaitAsync(s_deadline));
        Assert.True(accepted!.PeerFinished);
        Assert.Equal(0, await accepted.ReadAsync(new byte[10]).AsTask().WaitAsync(s_deadline));
    }

    [Fact]
    public async Task CloseWrite_PeerStillReplies_ReplyIsReadable()
    {
        var (a, b) = DuplexPipe.Create(seed: 5);
        await using var client = SmuxSession.Client(a, s_noKeepAlive);
        await using var server = SmuxSession.Server(b, s_noKeepAlive);

        var stream = await client.OpenStreamAsync().WaitAsync(s_deadline);
        await stream.WriteAsync("request"u8.ToArray()).AsTask().WaitAsync(s_deadline);
        await stream.CloseWriteAsync().WaitAsync(s_deadline);

        var accepted = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        Assert.Equal("request"u8.ToArray(), await ReadToEndAsync(accepted).WaitAsync(s_deadline));
        await accepted.WriteAsync("reply"u8.ToArray()).AsTask().WaitAsync(s_deadline);
        await accepted.DisposeAsync();

        Assert.Equal("reply"u8.ToArray(), await ReadToEndAsync(stream).WaitAsync(s_deadline));
        await Assert.ThrowsAsync<StreamException>(() => stream.WriteAsync(new byte[1]).AsTask());
    }

    [Fact]
    public async Task Read_AfterDispose_ThrowsObjectDisposed()
    {
        var (a, _) = DuplexPipe.Create(seed: 6);
        await using var client = SmuxSession.Client(a, s_noKeepAlive);
        var stream = await client.OpenStreamAsync().WaitAsync(s_deadline);

        await stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(new byte[1]).AsTask());
        Assert.Equal(0, client.StreamCount);
    }

    [Fact]
    public async Task Frames_ForUnknownAndClosedStreams_AreIgnored()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 7);
        await using var server = SmuxSession.Server(transport, s_noKeepAlive);

        await peer.WriteAsync(Frames(
            Push(99, "nobody"u8),
            Fin(77),
            Syn(3),
            Push(3, "hello"u8)));
        var first = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        Assert.Equal("hello"u8.ToArray(), await ReadExactlyAsync(first, 5).WaitAsync(s_deadline));
        await first.DisposeAsync();

        await peer.WriteAsync(Frames(Push(3, "late"u8), Syn(5), Push(5, "x"u8), Fin(5)));
        var second = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;

        Assert.Equal(5u, second.Id);
        Assert.Equal("x"u8.ToArray(), await ReadToEndAsync(second).WaitAsync(s_deadline));
        Assert.Equal(1, server.StreamCount);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public async Task Syn_ForExistingStream_IsIgnored()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 8);
        await using var server = SmuxSession.Server(transport, s_noKeepAlive);

        await peer.WriteAsync(Frames(Syn(3), Push(3, "a"u8), Syn(3), Push(3, "b"u8), Syn(5)));

        var first = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        var second = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        Assert.Equal(3u, first.Id);
        Assert.Equal(5u, second.Id);
        Assert.Equal("ab"u8.ToArray(), await ReadExactlyAsync(first, 2).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task BadFrame_FromPeer_FaultsSessionAndFailsStreams()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 9);
        var server = SmuxSession.Server(transport, s_noKeepAlive);
        await peer.WriteAsync(Frames(Syn(3)));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        var pendingRead = stream.ReadAsync(new byte[10]).AsTask();

        await peer.WriteAsync(Convert.FromHexString("0204000003000000"));

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => server.Completion.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.BadSmuxFrame, ex.Error);
        var readError = await Assert.ThrowsAsync<StreamException>(() => pendingRead.WaitAsync(s_deadline));
        Assert.IsType<ProtocolException>(readError.InnerException);
        Assert.Null(await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline));
        await Assert.ThrowsAsync<StreamException>(() => server.OpenStreamAsync());
    }

    [Fact]
    public async Task Transport_EndsInsideFrame_FaultsWithTruncated()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 10);
        var server = SmuxSession.Server(transport, s_noKeepAlive);

        await peer.WriteAsync(Convert.FromHexString("01020a0003000000" + "0102"));
        await peer.DisposeAsync();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => server.Completion.WaitAsync(s_deadline));
        Assert.Equal(ProtocolError.Truncated, ex.Error);
    }

    [Fact]
    public async Task Transport_EndsBetweenFrames_CompletesAndStreamsFailWithoutFin()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 11);
        var server = SmuxSession.Server(transport, s_noKeepAlive);
        await peer.WriteAsync(Frames(Syn(3), Push(3, "abc"u8)));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;

        await peer.DisposeAsync();

        await server.Completion.WaitAsync(s_deadline);
        Assert.Equal("abc"u8.ToArray(), await ReadExactlyAsync(stream, 3).WaitAsync(s_deadline));
        await Assert.ThrowsAsync<StreamException>(() => stream.ReadAsync(new byte[1]).AsTask());
    }

    [Fact]
    public async Task SessionEnds_StreamsHalfOpenOrOpen_AreCutAndOneFinishedBothWaysIsNot()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 12);
        var server = SmuxSession.Server(transport, s_noKeepAlive);
        await peer.WriteAsync(Frames(Syn(3), Syn(5), Fin(5), Syn(7), Fin(7)));
        var open = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        var peerFinished = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        var bothFinished = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        Assert.Equal(0, await bothFinished.ReadAsync(new byte[1]).AsTask().WaitAsync(s_deadline));
        await bothFinished.CloseWriteAsync().WaitAsync(s_deadline);
        Assert.Equal(0, await peerFinished.ReadAsync(new byte[1]).AsTask().WaitAsync(s_deadline));

        await peer.DisposeAsync();
        await server.Completion.WaitAsync(s_deadline);

        Assert.True(open.CutBySessionClose);
        Assert.True(peerFinished.CutBySessionClose);
        Assert.False(bothFinished.CutBySessionClose);
    }

    [Fact]
    public async Task Accept_SessionEndedWithStreamsNotYetAccepted_ReturnsNull()
    {
        var (transport, peer) = DuplexPipe.Create(seed: 14);
        var server = SmuxSession.Server(transport, s_noKeepAlive);
        await peer.WriteAsync(Frames(Syn(3), Syn(5)));

        await peer.DisposeAsync();
        await server.Completion.WaitAsync(s_deadline);

        Assert.Null(await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Dispose_WithPendingReadAndAccept_EndsBoth()
    {
        var (a, _) = DuplexPipe.Create(seed: 12);
        var client = SmuxSession.Client(a, s_noKeepAlive);
        var stream = await client.OpenStreamAsync().WaitAsync(s_deadline);
        var pendingRead = stream.ReadAsync(new byte[1]).AsTask();
        var pendingAccept = client.AcceptStreamAsync().AsTask();

        await client.DisposeAsync().AsTask().WaitAsync(s_deadline);

        await Assert.ThrowsAsync<StreamException>(() => pendingRead.WaitAsync(s_deadline));
        Assert.Null(await pendingAccept.WaitAsync(s_deadline));
        await client.Completion.WaitAsync(s_deadline);
        await Assert.ThrowsAsync<StreamException>(() => client.OpenStreamAsync());
    }

    [Fact]
    public async Task Write_WithCancelledToken_SendsNothingAndSessionLivesOn()
    {
        var (a, b) = DuplexPipe.Create(seed: 13);
        await using var client = SmuxSession.Client(a, s_noKeepAlive);
        await using var server = SmuxSession.Server(b, s_noKeepAlive);
        var stream = await client.OpenStreamAsync().WaitAsync(s_deadline);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.WriteAsync(new byte[10], cancelled.Token).AsTask());
        await stream.WriteAsync("ok"u8.ToArray()).AsTask().WaitAsync(s_deadline);
        await stream.DisposeAsync();

        var accepted = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;
        Assert.Equal("ok"u8.ToArray(), await ReadToEndAsync(accepted).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task ReceiveBuffer_ReaderStalls_TransportReadsStayBounded()
    {
        const int budget = 64 * 1024;
        const int frameSize = 4 * 1024;
        const int total = 1024 * 1024;
        var config = s_noKeepAlive with { MaxReceiveBuffer = budget, MaxStreamBuffer = 16 * 1024 };
        var data = RandomNumberGenerator.GetBytes(total);
        var frames = new List<byte[]> { Syn(3) };
        frames.AddRange(data.Chunk(frameSize).Select(chunk => Push(3, chunk)));
        frames.Add(Fin(3));
        var transport = new PreloadedTransport(Frames([.. frames]));
        await using var server = SmuxSession.Server(transport, config);
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(s_deadline))!;

        // Whatever the receive loop had in flight when the bucket ran dry: one frame and one read buffer.
        const long slack = SmuxFrame.HeaderLength + frameSize + 16 * 1024 + 64 * 1024;
        var received = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(s_deadline)) > 0)
        {
            received.Write(buffer, 0, read);
            Assert.InRange(transport.BytesRead, 0, received.Length + budget + slack);
        }

        Assert.Equal(data, received.ToArray());
    }

    internal static byte[] Syn(uint id) => SmuxFrame.Encode(SmuxFrameHeader.Control(SmuxCommand.Syn, id), []);

    internal static byte[] Fin(uint id) => SmuxFrame.Encode(SmuxFrameHeader.Control(SmuxCommand.Fin, id), []);

    internal static byte[] Push(uint id, ReadOnlySpan<byte> data) => SmuxFrame.Encode(SmuxFrameHeader.Push(id, data.Length), data);

    internal static byte[] Frames(params byte[][] frames) => [.. frames.SelectMany(f => f)];

    internal static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes);
        return bytes;
    }

    private static async Task WriteInPiecesAsync(Stream stream, byte[] data, int seed)
    {
        var random = new Random(seed);
        for (var offset = 0; offset < data.Length;)
        {
            var piece = Math.Min(data.Length - offset, random.Next(1, 40_000));
            await stream.WriteAsync(data.AsMemory(offset, piece));
            offset += piece;
        }
    }

    private static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

    /// <summary>A transport whose every read completes at once from preloaded bytes; writes are dropped.</summary>
    private sealed class PreloadedTransport(byte[] incoming) : Stream
    {
        private long _position;

        public long BytesRead => Interlocked.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var position = (int)Interlocked.Read(ref _position);
            var count = Math.Min(buffer.Length, incoming.Length - position);
            incoming.AsSpan(position, count).CopyTo(buffer.Span);
            Interlocked.Add(ref _position, count);
            return ValueTask.FromResult(count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
