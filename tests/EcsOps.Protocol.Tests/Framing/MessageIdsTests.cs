using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Tests.Framing;

public class MessageIdsTests
{
    [Fact]
    public void NewId_AcrossSeveralBlocks_IsAlwaysAFreshVersion4Uuid()
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < 2000; i++)
        {
            var id = MessageIds.NewId();
            Assert.True(seen.Add(id), $"id {id} was handed out twice");
            Assert.Equal(4, id.Version);
            Assert.Equal(0b10, id.Variant >> 2);
        }
    }

    [Fact]
    public async Task NewId_OnManyThreadsAtOnce_NeverRepeats()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 600).Select(_ => MessageIds.NewId()).ToArray())));

        var all = perThread.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
