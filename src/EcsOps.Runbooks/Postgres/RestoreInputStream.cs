namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// What pg_restore's script reads on stdin: the connection preamble, then the verified dump, with the dump's bytes
/// reported to a meter as they go.
/// </summary>
internal sealed class RestoreInputStream(byte[] preamble, Stream dump, IProgress<long> progress) : Stream
{
    private int _preambleSent;
    private long _dumpRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _preambleSent + _dumpRead;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_preambleSent < preamble.Length)
        {
            var count = Math.Min(buffer.Length, preamble.Length - _preambleSent);
            preamble.AsMemory(_preambleSent, count).CopyTo(buffer);
            _preambleSent += count;
            return count;
        }

        var read = await dump.ReadAsync(buffer, cancellationToken);
        _dumpRead += read;
        progress.Report(_dumpRead);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("RestoreInputStream is read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
