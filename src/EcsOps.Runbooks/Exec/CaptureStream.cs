using EcsOps.Protocol.Streams;

namespace EcsOps.Runbooks.Exec;

/// <summary>A write-only stream keeping the first bytes written up to a limit and counting the rest.</summary>
public sealed class CaptureStream(int capacity) : WriteOnlyStream
{
    private readonly MemoryStream _kept = new();
    private long _total;

    public override long Length => _total;

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public CapturedBytes ToCapture() => new(_kept.ToArray(), _total);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Max(0, capacity - _kept.Length);
        _kept.Write(buffer[..Math.Min(room, buffer.Length)]);
        _total += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
