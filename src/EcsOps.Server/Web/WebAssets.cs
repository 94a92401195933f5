namespace EcsOps.Server.Web;

/// <summary>The page's stylesheet and script, embedded in the assembly (no CDN, nothing fetched from elsewhere).</summary>
internal static class WebAssets
{
    private static readonly Dictionary<string, (byte[] Content, string ContentType)> s_assets = new(StringComparer.Ordinal)
    {
        ["app.css"] = (Load("app.css"), "text/css; charset=utf-8"),
        ["app.js"] = (Load("app.js"), "text/javascript; charset=utf-8"),
    };

    public static bool TryGet(string name, out byte[] content, out string contentType)
    {
        var found = s_assets.TryGetValue(name, out var asset);
        (content, contentType) = found ? asset : ([], "");
        return found;
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("EcsOps.Server.Web." + name)
            ?? throw new InvalidOperationException($"the embedded asset {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
