using System.Runtime.CompilerServices;

namespace EcsOps.Aws.Http;

/// <summary>
/// Walks a paginated operation: fetches pages until the next token is absent. A service that hands back the token
/// it was given (a loop) ends the walk with <see cref="InvalidResponseException"/> instead of spinning forever.
/// </summary>
public static class AwsPaginator
{
    /// <summary>Every page of an operation.</summary>
    /// <param name="fetchPage">Fetches the page for a token (null for the first page).</param>
    /// <param name="nextToken">Reads the next token from a page; null or empty ends the walk.</param>
    public static async IAsyncEnumerable<TPage> PagesAsync<TPage>(
        Func<string?, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, string?> nextToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(nextToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await fetchPage(token, cancellationToken);
            yield return page;
            token = nextToken(page);
            if (!string.IsNullOrEmpty(token) && !seen.Add(token))
            {
                throw new InvalidResponseException("the service returned a next token it had already returned; stopping pagination");
            }
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>Every item of every page.</summary>
    public static async IAsyncEnumerable<TItem> ItemsAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, string?> nextToken,
        Func<TPage, IEnumerable<TItem>> items,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await foreach (var page in PagesAsync(fetchPage, nextToken, cancellationToken))
        {
            // Source-generated JSON leaves an init-only list null (not its initialiser) when the member is absent.
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }
        }
    }
}
