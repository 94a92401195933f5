using EcsOps.Protocol.Streams;

namespace EcsOps.Protocol.Tests.Support;

/// <summary>A write-only stream that keeps every write it gets as one entry, to see how a stream above it wrote.</summary>
internal sealed class RecordingStream : WriteOnlyStream
{
    private readonly List<byte[]> _writes = [];

    public IReadOnlyList<byte[]> Writes => _writes;

    public override void Write(ReadOnlySpan<byte> buffer) => _writes.Add(buffer.ToArray());
}
