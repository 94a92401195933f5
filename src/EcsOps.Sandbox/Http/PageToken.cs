using System.Globalization;
using System.Text;

namespace EcsOps.Sandbox.Http;

/// <summary>
/// Offset-based pagination with opaque nextToken strings, for list operations over a stably sorted snapshot.
/// </summary>
internal static class PageToken
{
    private const string Prefix = "ecsops-sandbox:";

    /// <summary>Returns one page of <paramref name="items"/> and the token of the next page (null at the end).</summary>
    /// <param name="invalidArgument">Builds the service's error for a bad token or page size.</param>
    public static (IReadOnlyList<T> Page, string? NextToken) Page<T>(
        IReadOnlyList<T> items,
        string? nextToken,
        int? requestedSize,
        int defaultSize,
        int maxSize,
        Func<string, AwsErrorException> invalidArgument)
    {
        var size = requestedSize ?? defaultSize;
        if (size < 1 || size > maxSize)
        {
            throw invalidArgument($"maxResults must be between 1 and {maxSize}.");
        }

        var offset = nextToken is null ? 0 : Decode(nextToken) ?? throw invalidArgument("Invalid nextToken.");
        if (offset > items.Count)
        {
            throw invalidArgument("Invalid nextToken.");
        }

        var page = items.Skip(offset).Take(size).ToList();
        var next = offset + page.Count;
        return (page, next < items.Count ? Encode(next) : null);
    }

    public static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static int? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
