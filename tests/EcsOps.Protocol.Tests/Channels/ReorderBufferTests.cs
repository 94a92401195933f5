using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Framing;
using FsCheck;
using FsCheck.Xunit;

namespace EcsOps.Protocol.Tests.Channels;

public class ReorderBufferTests
{
    [Fact]
    public void Offer_OutOfOrder_DeliveredInOrder()
    {
        var buffer = new ReorderBuffer(8);

        Assert.Equal(ReorderOutcome.Stored, buffer.Offer(1, PayloadType.Output, [1]));
        Assert.False(buffer.TryTake(out _));
        Assert.Equal(ReorderOutcome.Stored, buffer.Offer(0, PayloadType.Output, [0]));

        Assert.True(buffer.TryTake(out var first));
        Assert.True(buffer.TryTake(out var second));
        Assert.Equal((0L, 0), (first.SequenceNumber, (int)first.Payload.Span[0]));
        Assert.Equal((1L, 1), (second.SequenceNumber, (int)second.Payload.Span[0]));
    }

    [Fact]
    public void Offer_AlreadyDeliveredOrBuffered_IsDuplicate()
    {
        var buffer = new ReorderBuffer(8);
        buffer.Offer(0, PayloadType.Output, [0]);
        buffer.Offer(2, PayloadType.Output, [2]);
        buffer.TryTake(out _);

        Assert.Equal(ReorderOutcome.Duplicate, buffer.Offer(0, PayloadType.Output, [0]));
        Assert.Equal(ReorderOutcome.Duplicate, buffer.Offer(2, PayloadType.Output, [2]));
        Assert.Equal(1, buffer.Count);
    }

    [Fact]
    public void Offer_BeyondCapacity_IsRefusedUntilDeliveryMakesRoom()
    {
        var buffer = new ReorderBuffer(2);

        Assert.Equal(ReorderOutcome.BeyondCapacity, buffer.Offer(2, PayloadType.Output, [2]));
        buffer.Offer(0, PayloadType.Output, [0]);
        buffer.TryTake(out _);

        Assert.Equal(ReorderOutcome.Stored, buffer.Offer(2, PayloadType.Output, [2]));
    }

    [Fact]
    public void Offer_CallerReusesBuffer_StoredPayloadIsACopy()
    {
        var buffer = new ReorderBuffer(4);
        var receiveBuffer = new byte[] { 7, 7 };

        buffer.Offer(0, PayloadType.Output, receiveBuffer);
        receiveBuffer[0] = 9;

        buffer.TryTake(out var data);
        Assert.Equal(new byte[] { 7, 7 }, data.Payload.ToArray());
    }

    [Property(MaxTest = 300)]
    public bool Offer_AnyPermutationWithDuplicates_DeliversEveryMessageInOrderExactlyOnce(
        PositiveInt size, PositiveInt capacity, int seed)
    {
        var count = Math.Min(size.Get, 200);
        var buffer = new ReorderBuffer(Math.Min(capacity.Get, 64));
        var random = new Random(seed);
        var arrivals = Enumerable.Range(0, count)
            .SelectMany(seq => Enumerable.Repeat(seq, random.Next(1, 4)))
            .OrderBy(_ => random.Next())
            .ToList();
        var delivered = new List<long>();

        // Refused messages come again, as the sender retransmits them, until everything is through.
        for (var round = 0; delivered.Count < count && round <= count; round++)
        {
            foreach (var seq in arrivals)
            {
                buffer.Offer(seq, PayloadType.Output, BitConverter.GetBytes(seq));
                while (buffer.TryTake(out var data))
                {
                    if (BitConverter.ToInt32(data.Payload.Span) != data.SequenceNumber)
                    {
                        return false;
                    }

                    delivered.Add(data.SequenceNumber);
                }
            }
        }

        return delivered.SequenceEqual(Enumerable.Range(0, count).Select(i => (long)i)) && buffer.Count == 0;
    }
}
