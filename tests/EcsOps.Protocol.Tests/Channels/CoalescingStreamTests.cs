using EcsOps.Protocol.Tests.Support;
using EcsOps.Protocol.Transport;

namespace EcsOps.Protocol.Tests.Channels;

public class CoalescingStreamTests
{
    [Fact]
    public async Task Batch_SeveralWrites_ReachTheConnectionAsOneWriteInOrderAtItsEnd()
    {
        var inner = new RecordingStream();
        await using var stream = new CoalescingStream(inner);

        await stream.BeginBatchAsync(CancellationToken.None);
        await stream.WriteAsync(new byte[] { 1, 2 });
        await stream.WriteAsync(new byte[] { 3 });
        await stream.WriteAsync(new byte[] { 4, 5, 6 });
        Assert.Empty(inner.Writes);
        await stream.EndBatchAsync(CancellationToken.None);

        Assert.Equal([new byte[] { 1, 2, 3, 4, 5, 6 }], inner.Writes);
    }

    [Fact]
    public async Task Write_OutsideABatch_GoesStraightThrough()
    {
        var inner = new RecordingStream();
        await using var stream = new CoalescingStream(inner);
        await stream.BeginBatchAsync(CancellationToken.None);
        await stream.WriteAsync(new byte[] { 1 });
        await stream.EndBatchAsync(CancellationToken.None);

        await stream.WriteAsync(new byte[] { 2 });
        await stream.WriteAsync(new byte[] { 3 });

        Assert.Equal([[1], [2], [3]], inner.Writes);
    }

    [Fact]
    public async Task Batch_LargerThanTheLimit_IsWrittenOutEarlyWithNothingLostOrReordered()
    {
        var inner = new RecordingStream();
        await using var stream = new CoalescingStream(inner);
        var chunk = new byte[CoalescingStream.MaxBatchBytes / 4 + 1];

        await stream.BeginBatchAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            Array.Fill(chunk, (byte)i);
            await stream.WriteAsync(chunk);
        }

        Assert.Single(inner.Writes);
        await stream.EndBatchAsync(CancellationToken.None);

        var written = inner.Writes.SelectMany(w => w).ToArray();
        Assert.Equal(2, inner.Writes.Count);
        Assert.Equal(5 * chunk.Length, written.Length);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(i => Enumerable.Repeat((byte)i, chunk.Length)), written);
    }
}
