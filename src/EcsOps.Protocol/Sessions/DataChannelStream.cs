using System.Buffers;
using System.IO.Pipelines;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The byte stream formed by the PayloadType.Output messages of a data channel, in sequence order (fact
/// sheet §7.3): what smux runs over on port sessions. Writes go out as Output messages of at most
/// <see cref="ClientMessageCodec.StreamPayloadSize"/> bytes. Reads are fed by the session's receive-dispatch
/// loop through <see cref="DeliverAsync"/> / <see cref="CompleteDelivery"/>, because the same channel also
/// carries Flag messages that the session handles itself; this stream never calls ReceiveAsync.
/// Disposing it does not close the channel.
/// </summary>
public sealed class DataChannelStream : Stream
{
    /// <summary>Default bound on delivered bytes nobody has read yet.</summary>
    public const int DefaultReceiveBufferLimit = 1024 * 1024;

    private readonly IStreamDataChannel _channel;
    private readonly Pipe _received;
    private int _disposed;

    /// <param name="channel">The data channel; its other traffic is the caller's business.</param>
    /// <param name="receiveBufferLimit">
    /// When this many delivered bytes are unread, <see cref="DeliverAsync"/> waits, which pauses the
    /// dispatch loop and so the channel (including its Flag messages) until the reader catches up.
    /// </param>
    public DataChannelStream(IStreamDataChannel channel, int receiveBufferLimit = DefaultReceiveBufferLimit)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveBufferLimit, ClientMessageCodec.StreamPayloadSize);
        _channel = channel;
        _received = new Pipe(new PipeOptions(
            pauseWriterThreshold: receiveBufferLimit,
            resumeWriterThreshold: receiveBufferLimit / 2,
            useSynchronizationContext: false));
    }

    public override bool CanRead => Volatile.Read(ref _disposed) == 0;

    public override bool CanWrite => Volatile.Read(ref _disposed) == 0;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Appends one Output payload for readers (copied). Waits while <c>receiveBufferLimit</c> bytes are
    /// unread. After the stream is disposed, payloads are dropped.
    /// </summary>
    public async ValueTask DeliverAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await _received.Writer.WriteAsync(payload, cancellationToken);
        }
        catch (InvalidOperationException) when (Volatile.Read(ref _disposed) != 0)
        {
            // Completed by Dispose while we were waiting.
        }
    }

    /// <summary>
    /// No more payloads: readers see end of stream once drained, or <paramref name="error"/> when given.
    /// </summary>
    public void CompleteDelivery(Exception? error = null) => _received.Writer.Complete(error);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            var result = await _received.Reader.ReadAsync(cancellationToken);
            ObjectDisposedException.ThrowIf(result.IsCanceled, this);
            var available = result.Buffer;
            var count = (int)Math.Min(available.Length, buffer.Length);
            available.Slice(0, count).CopyTo(buffer.Span);
            _received.Reader.AdvanceTo(available.GetPosition(count));
            return count;
        }
        catch (InvalidOperationException) when (Volatile.Read(ref _disposed) != 0)
        {
            // The reader was completed by Dispose while this read was in flight.
            throw new ObjectDisposedException(nameof(DataChannelStream));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends <paramref name="buffer"/> as Output messages of at most 1024 bytes each.</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        while (!buffer.IsEmpty)
        {
            // The service expects stream payloads of at most 1024 bytes (fact sheet §4.5). Each message
            // gets its own copy: the caller reuses its buffer, and a channel may keep the payload for
            // retransmission.
            var chunk = buffer[..Math.Min(buffer.Length, ClientMessageCodec.StreamPayloadSize)];
            await _channel.SendAsync(PayloadType.Output, chunk.ToArray(), cancellationToken);
            buffer = buffer[chunk.Length..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("DataChannelStream is asynchronous; use ReadAsync");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("DataChannelStream is asynchronous; use WriteAsync");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Completing the reader wakes a pending ReadAsync and makes a waiting DeliverAsync return.
            _received.Reader.CancelPendingRead();
            _received.Reader.Complete();
            _received.Writer.CancelPendingFlush();
        }

        base.Dispose(disposing);
    }
}
