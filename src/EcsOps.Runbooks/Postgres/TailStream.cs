using System.Text;
using EcsOps.Protocol.Streams;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// A write-only stream that keeps the last <see cref="Capacity"/> bytes written: a tool's stderr, kept for the error
/// message without letting a chatty tool grow memory.
/// </summary>
public sealed class TailStream(int capacity = TailStream.DefaultCapacity) : WriteOnlyStream
{
    public const int DefaultCapacity = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly byte[] _ring = new byte[capacity];
    private long _written;

    public int Capacity => _ring.Length;

    public override long Length => Interlocked.Read(ref _written);

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    /// <summary>The kept bytes as UTF-8 text (a cut multi-byte character at the start shows as U+FFFD).</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                var kept = (int)Math.Min(_written, _ring.Length);
                var start = (int)((_written - kept) % _ring.Length);
                var bytes = new byte[kept];
                var first = Math.Min(kept, _ring.Length - start);
                _ring.AsSpan(start, first).CopyTo(bytes);
                _ring.AsSpan(0, kept - first).CopyTo(bytes.AsSpan(first));
                return Encoding.UTF8.GetString(bytes);
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            if (buffer.Length > _ring.Length)
            {
                // Only the end survives anyway; skip what would be overwritten within this write.
                _written += buffer.Length - _ring.Length;
                buffer = buffer[^_ring.Length..];
            }

            var start = (int)(_written % _ring.Length);
            var first = Math.Min(buffer.Length, _ring.Length - start);
            buffer[..first].CopyTo(_ring.AsSpan(start));
            buffer[first..].CopyTo(_ring);
            _written += buffer.Length;
        }
    }
}
