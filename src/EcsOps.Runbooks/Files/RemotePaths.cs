namespace EcsOps.Runbooks.Files;

/// <summary>Names in container paths, which are POSIX whatever the local system is.</summary>
public static class RemotePaths
{
    /// <summary>The last component of <paramref name="path"/> (<c>/data/x/</c> gives <c>x</c>); null for <c>/</c>, <c>.</c>, <c>..</c>.</summary>
    public static string? Name(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimEnd('/');
        var name = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        return name is "" or "." or ".." ? null : name;
    }
}
