using System.Net.Sockets;

namespace EcsOps.Sandbox.Containers.Native;

/// <summary>
/// A stream over a pipe end or a PTY master. The descriptor is wrapped in a <see cref="Socket"/>, which is
/// what .NET's own PipeStream does on Unix: the socket engine registers any pollable descriptor with epoll and
/// falls back to read(2)/write(2) for non-sockets, so reads and writes are truly asynchronous and never park a
/// thread-pool thread, and disposing ends pending reads. Reads return 0 at end of file and also on EIO, which is
/// how a PTY master reports that every slave descriptor is closed (the child and its children are gone).
/// </summary>
internal sealed class DescriptorStream : Stream
{
    private readonly Socket _socket;
    private readonly bool _canRead;
    private readonly bool _canWrite;

    /// <summary>Takes ownership of <paramref name="descriptor"/>, which should be close-on-exec.</summary>
    public DescriptorStream(int descriptor, FileAccess access)
    {
        Handle = new SafeSocketHandle(descriptor, ownsHandle: true);
        _socket = new Socket(Handle);
        _canRead = access.HasFlag(FileAccess.Read);
        _canWrite = access.HasFlag(FileAccess.Write);
    }

    public override bool CanRead => _canRead && !IsDisposed;
    public override bool CanWrite => _canWrite && !IsDisposed;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The descriptor, for ioctl; AddRef/Release around its use.</summary>
    public SafeSocketHandle Handle { get; }

    private bool IsDisposed { get; set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(_canRead);
        try
        {
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        }
        catch (SocketException) when (!cancellationToken.IsCancellationRequested)
        {
            // EIO from a PTY master whose slave side is closed, or the descriptor closed under us: end of output.
            return 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        EnsureCan(_canRead);
        try
        {
            return _socket.Receive(buffer, SocketFlags.None);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(_canWrite);
        try
        {
            while (!buffer.IsEmpty)
            {
                var sent = await _socket.SendAsync(buffer, SocketFlags.None, cancellationToken);
                buffer = buffer[sent..];
            }
        }
        catch (SocketException ex)
        {
            throw new IOException("the process no longer reads its input", ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCan(_canWrite);
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[_socket.Send(buffer, SocketFlags.None)..];
            }
        }
        catch (SocketException ex)
        {
            throw new IOException("the process no longer reads its input", ex);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            IsDisposed = true;
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EnsureCan(bool allowed)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (!allowed)
        {
            throw new NotSupportedException();
        }
    }
}
