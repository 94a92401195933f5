namespace EcsOps.Protocol.Tests.Support;

/// <summary>A write-only stream that keeps every write it gets as one entry, to see how a stream above it wrote.</summary>
internal sealed class RecordingStream : Stream
{
    private readonly List<byte[]> _writes = [];

    public IReadOnlyList<byte[]> Writes => _writes;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _writes.Add(buffer.ToArray());
        return ValueTask.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => _writes.Add(buffer.AsSpan(offset, count).ToArray());

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
