using System.Buffers;

namespace EcsOps.Protocol.Tests.Smux;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, cut where the test says.</summary>
internal static class SegmentedSequence
{
    public static ReadOnlySequence<byte> Create(byte[] bytes, IEnumerable<int> cutPoints)
    {
        var cuts = cutPoints.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToList();
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var start = 0;
        Segment? first = null;
        Segment? last = null;
        foreach (var cut in cuts)
        {
            var segment = new Segment(bytes.AsMemory(start, cut - start), last);
            first ??= segment;
            last = segment;
            start = cut;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
