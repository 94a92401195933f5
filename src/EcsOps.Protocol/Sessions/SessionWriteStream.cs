using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// Write-only <see cref="Stream"/> over a session payload type, so process output can be piped with
/// <see cref="Stream.CopyToAsync(Stream)"/>. Only the asynchronous write path is supported.
/// </summary>
internal sealed class SessionWriteStream : Stream
{
    private readonly SessionDataSender _sender;
    private readonly PayloadType _payloadType;

    public SessionWriteStream(SessionDataSender sender, PayloadType payloadType)
    {
        _sender = sender;
        _payloadType = payloadType;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _sender.SendAsync(_payloadType, buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Blocking writes would block a thread on the channel's flow control; use WriteAsync.</summary>
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("session streams are written asynchronously; use WriteAsync");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
