using EcsOps.Aws.Http;

namespace EcsOps.Aws.Tests.Http;

public class AwsPaginatorTests
{
    [Fact]
    public async Task Items_ThreePages_AllItemsInOrder()
    {
        var pages = new Dictionary<string, (string[] Items, string? Next)>
        {
            [""] = (["a", "b"], "t1"),
            ["t1"] = (["c"], "t2"),
            ["t2"] = (["d"], null),
        };

        var items = new List<string>();
        await foreach (var item in AwsPaginator.ItemsAsync(
            (token, _) => Task.FromResult(pages[token ?? ""]), page => page.Next, page => page.Items, CancellationToken.None))
        {
            items.Add(item);
        }

        Assert.Equal(["a", "b", "c", "d"], items);
    }

    [Fact]
    public async Task Pages_ServiceRepeatsAToken_StopsWithInvalidResponse()
    {
        var calls = 0;

        var error = await Assert.ThrowsAsync<InvalidResponseException>(async () =>
        {
            await foreach (var _ in AwsPaginator.PagesAsync(
                (_, _) => Task.FromResult(Interlocked.Increment(ref calls) % 2 == 1 ? "x" : "y"), page => page, CancellationToken.None))
            {
            }
        });

        Assert.Equal(3, calls);
        Assert.Contains("next token", error.Message, StringComparison.Ordinal);
    }
}
