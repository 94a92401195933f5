namespace EcsOps.Runbooks.Files;

/// <summary>
/// One side of <c>ecsops cp SRC DST</c>. Parsed from the command line by <see cref="Parse"/>:
/// <list type="bullet">
/// <item><c>-</c> is standard input or output;</item>
/// <item>text starting with <c>/</c>, <c>./</c>, <c>../</c> or <c>~</c>, or without a <c>:</c>, is a local path (so a
/// local name with a colon is written <c>./a:b</c>);</item>
/// <item>otherwise the text up to the first <c>:</c> is the target selector (it may contain <c>/</c>, as in
/// <c>dev/eu-west-1/shop/web/app</c>, and may be empty to use only the target flags) and the rest is the path in the
/// container, which may contain further colons.</item>
/// </list>
/// </summary>
public sealed record CopyLocation(CopyLocationKind Kind, string Path, string? Selector = null)
{
    public static readonly CopyLocation Standard = new(CopyLocationKind.StandardStream, "-");

    public bool IsRemote => Kind == CopyLocationKind.Remote;

    /// <exception cref="CopyException">The text is empty, or names a container without a path.</exception>
    public static CopyLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new CopyException("an empty path was given to cp");
        }

        if (text == "-")
        {
            return Standard;
        }

        if (text[0] is '/' or '~' || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal)
            || text is "." or "..")
        {
            return new CopyLocation(CopyLocationKind.Local, text);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new CopyLocation(CopyLocationKind.Local, text);
        }

        var selector = text[..colon];
        var path = text[(colon + 1)..];
        if (path.Length == 0)
        {
            throw new CopyException(
                $"'{text}' names a container but no path in it; write {selector}:PATH (a local file with a colon in its name is ./{text})");
        }

        return new CopyLocation(CopyLocationKind.Remote, path, selector.Length == 0 ? null : selector);
    }

    /// <summary>
    /// The remote path as the remote scripts get it: a relative path gets a leading <c>./</c>, so that no path can be
    /// taken for an option (<c>-rf</c>) by the tools it is passed to. Relative paths start at the exec session's working
    /// directory (the image's WORKDIR).
    /// </summary>
    public string RemoteArgument => Path[0] is '/' or '.' ? Path : "./" + Path;

    public override string ToString() => Kind switch
    {
        CopyLocationKind.Remote => $"{Selector}:{Path}",
        _ => Path,
    };
}
