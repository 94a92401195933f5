using System.Security.Cryptography;

namespace EcsOps.Runbooks.Files;

/// <summary>
/// Passes reads or writes through to an inner stream and keeps the SHA-256 and count of the bytes that went through,
/// reporting each step to <see cref="ICopyProgress"/>. With <c>endOnReadError</c> a failing read ends the stream
/// instead of throwing (the failure is kept in <see cref="ReadFailure"/>): an upload's input must always reach its
/// end, so that the remote side sees a short stream, rejects it by checksum, and the session ends.
/// </summary>
public sealed class TransferStream(Stream inner, ICopyProgress progress, bool endOnReadError = false, bool leaveOpen = false) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _count;

    /// <summary>Bytes read or written so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Why reading stopped early, when it did (only with endOnReadError).</summary>
    public Exception? ReadFailure { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of everything that went through, lower-case hex. Call once, at the end.</summary>
    public string FinishHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception error) when (endOnReadError && error is IOException or UnauthorizedAccessException)
        {
            ReadFailure = error;
            return 0;
        }

        Record(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception error) when (endOnReadError && error is IOException or UnauthorizedAccessException)
        {
            ReadFailure = error;
            return 0;
        }

        Record(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        Record(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        Record(buffer.Span);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        if (!leaveOpen)
        {
            await inner.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Record(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _hash.AppendData(data);
        Interlocked.Add(ref _count, data.Length);
        progress.Advance(data.Length);
    }
}
