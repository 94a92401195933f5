using System.Buffers;

namespace EcsOps.Protocol.Smux;

/// <summary>
/// One logical stream of an <see cref="SmuxSession"/>. Writes are split into PSH frames of at most
/// <see cref="SmuxConfig.MaxFrameSize"/> bytes; reads return buffered PSH payloads and, once the peer's FIN
/// arrived and the buffer is drained, 0. <see cref="Stream.Dispose()"/> sends FIN and forgets the stream
/// (a full close, as smux v1 peers understand FIN); <see cref="CloseWriteAsync"/> sends FIN but keeps
/// reading, which works between our own ends but not against the official plugin, which treats FIN as a
/// full close. Only asynchronous I/O is supported; one reader and one writer at a time.
/// </summary>
public sealed class SmuxStream : Stream
{
    private readonly SmuxSession _session;
    private readonly Lock _gate = new();
    private readonly Queue<ReceivedSegment> _received = new();
    private readonly WakeSignal _readable = new();
    private int _headConsumed;
    private int _bufferedBytes;
    private bool _peerFinished;
    private bool _writeClosed;
    private bool _disposed;
    private bool _sessionClosed;
    private bool _cutBySessionClose;
    private Exception? _sessionCloseReason;

    internal SmuxStream(SmuxSession session, uint id)
    {
        _session = session;
        Id = id;
    }

    /// <summary>The smux stream id (odd when the client opened it, even for the server).</summary>
    public uint Id { get; }

    /// <summary>True once the peer sent FIN: after the buffered bytes, reads return 0.</summary>
    public bool PeerFinished
    {
        get
        {
            lock (_gate)
            {
                return _peerFinished;
            }
        }
    }

    /// <summary>True when the session closed while this stream was still open in either direction (its FIN not yet
    /// sent or received): whatever it carried was cut off.</summary>
    public bool CutBySessionClose
    {
        get
        {
            lock (_gate)
            {
                return _cutBySessionClose;
            }
        }
    }

    public override bool CanRead => !_disposed;

    public override bool CanWrite => !_disposed && !_writeClosed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            int copied;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                copied = CopyReceived(buffer.Span);
                if (copied == 0 && _peerFinished)
                {
                    return 0;
                }

                if (copied == 0 && _sessionClosed)
                {
                    throw new StreamException(Id, $"smux stream {Id} ended without FIN: the session closed", _sessionCloseReason);
                }
            }

            if (copied > 0)
            {
                _session.ReturnReceiveBudget(copied);
                return copied;
            }

            await _readable.WaitAsync(cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            ThrowIfCannotWrite();
            var chunk = buffer[..Math.Min(buffer.Length, _session.Config.MaxFrameSize)];
            await _session.SendAsync(SmuxFrameHeader.Push(Id, chunk.Length), chunk, isControl: false, cancellationToken);
            buffer = buffer[chunk.Length..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Half-close: sends FIN so the peer reads end-of-stream, while this end stays readable until the
    /// peer's FIN. Later writes throw <see cref="StreamException"/>.
    /// </summary>
    public async Task CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writeClosed)
            {
                return;
            }

            _writeClosed = true;
        }

        await _session.SendAsync(SmuxFrameHeader.Control(SmuxCommand.Fin, Id), default, isControl: false, cancellationToken);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("smux streams are asynchronous; use ReadAsync");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("smux streams are asynchronous; use WriteAsync");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Queues the PSH payload for the reader; false when the stream no longer takes data.</summary>
    internal bool TryPush(in ReadOnlySequence<byte> payload)
    {
        var length = (int)payload.Length;
        lock (_gate)
        {
            if (_disposed || _peerFinished)
            {
                return false;
            }

            // Copied out of the transport's buffer: that buffer is reused for the next frames.
            var segment = ArrayPool<byte>.Shared.Rent(length);
            payload.CopyTo(segment);
            _received.Enqueue(new ReceivedSegment(segment, length));
            _bufferedBytes += length;
        }

        _readable.Set();
        return true;
    }

    internal void OnPeerFin()
    {
        lock (_gate)
        {
            _peerFinished = true;
        }

        _readable.Set();
    }

    internal void OnSessionClosed(Exception? reason)
    {
        lock (_gate)
        {
            _cutBySessionClose = !_sessionClosed && !(_peerFinished && _writeClosed);
            _sessionClosed = true;
            _sessionCloseReason = reason;
        }

        _readable.Set();
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            base.Dispose(disposing);
            return;
        }

        int released;
        bool sendFin;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            sendFin = !_writeClosed && !_sessionClosed;
            _writeClosed = true;
            released = _bufferedBytes;
            _bufferedBytes = 0;
            _headConsumed = 0;
            while (_received.TryDequeue(out var segment))
            {
                ArrayPool<byte>.Shared.Return(segment.Array);
            }
        }

        _session.ReturnReceiveBudget(released);
        _session.OnStreamDisposed(this, sendFin);
        _readable.Set();
        base.Dispose(disposing);
    }

    private int CopyReceived(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length && _received.TryPeek(out var segment))
        {
            var take = Math.Min(segment.Count - _headConsumed, destination.Length - copied);
            segment.Array.AsSpan(_headConsumed, take).CopyTo(destination[copied..]);
            copied += take;
            _headConsumed += take;
            if (_headConsumed == segment.Count)
            {
                _received.Dequeue();
                _headConsumed = 0;
                ArrayPool<byte>.Shared.Return(segment.Array);
            }
        }

        _bufferedBytes -= copied;
        return copied;
    }

    private void ThrowIfCannotWrite()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writeClosed)
            {
                throw new StreamException(Id, $"smux stream {Id} was closed for writing");
            }

            if (_sessionClosed)
            {
                throw new StreamException(Id, $"smux stream {Id} cannot be written: the session closed", _sessionCloseReason);
            }
        }
    }

    private readonly record struct ReceivedSegment(byte[] Array, int Count);
}
