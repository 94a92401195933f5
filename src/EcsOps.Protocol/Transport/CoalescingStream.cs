namespace EcsOps.Protocol.Transport;

/// <summary>
/// The byte stream under a websocket that can gather several websocket frames into one write of the connection:
/// between <see cref="BeginBatchAsync"/> and <see cref="EndBatchAsync"/> writes are kept, and the batch reaches the
/// inner stream as one write (one system call, one TCP segment train) instead of one per frame. Outside a batch
/// writes go straight through, so the websocket's own pings and close frames are never held back.
/// Reads are passed through untouched.
/// </summary>
/// <remarks>
/// Every write of the inner stream happens under one gate, so a ping written from the websocket's timer while a
/// batch is open lands after the frames before it and before the ones after it: bytes never reorder.
/// </remarks>
public sealed class CoalescingStream(Stream inner) : Stream
{
    /// <summary>A batch that grows past this is written out early; a batch is bounded by the sender anyway.</summary>
    public const int MaxBatchBytes = 256 * 1024;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly MemoryStream _batch = new();
    private bool _batching;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes from now on are kept until <see cref="EndBatchAsync"/>.</summary>
    public async ValueTask BeginBatchAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        _batching = true;
        _writeGate.Release();
    }

    /// <summary>Writes what the batch gathered as one write and goes back to writing straight through.</summary>
    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _batching = false;
            await WriteOutBatchAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (!_batching)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }

            _batch.Write(buffer.Span);
            if (_batch.Length >= MaxBatchBytes)
            {
                await WriteOutBatchAsync(cancellationToken);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    // Called under the write gate.
    private async ValueTask WriteOutBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.Length == 0)
        {
            return;
        }

        try
        {
            await inner.WriteAsync(_batch.GetBuffer().AsMemory(0, (int)_batch.Length), cancellationToken);
        }
        finally
        {
            _batch.SetLength(0);
        }
    }
}
