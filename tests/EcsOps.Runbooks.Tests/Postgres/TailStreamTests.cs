using System.Text;
using EcsOps.Runbooks.Postgres;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Runbooks.Tests.Postgres;

public sealed class TailStreamTests
{
    [Property]
    public Property Text_AnyWrites_IsTheLastCapacityBytesInOrder(byte[][] writes, PositiveInt capacity)
    {
        var size = capacity.Get % 64 + 1;
        var tail = new TailStream(size);
        var all = new List<byte>();
        foreach (var write in writes.Where(w => w is not null))
        {
            tail.Write(write);
            all.AddRange(write);
        }

        var expected = Encoding.UTF8.GetString([.. all.Skip(Math.Max(0, all.Count - size))]);
        return (tail.Text == expected && tail.Length == all.Count).ToProperty();
    }
}
