namespace EcsOps.Aws.Signing;

/// <summary>
/// The CanonicalURI line. For every service but S3 the path as sent on the wire is normalised (dot segments
/// and empty segments removed) and URI-encoded once more, so an escape such as <c>%20</c> is signed as
/// <c>%2520</c> ("double encoding"). S3 signs the path exactly as encoded once, without normalisation,
/// because object keys may legitimately contain <c>//</c> and <c>..</c>.
/// </summary>
internal static class CanonicalUri
{
    public static string From(string wirePath, bool s3Rules, bool normalize)
    {
        if (string.IsNullOrEmpty(wirePath))
        {
            return "/";
        }

        if (s3Rules)
        {
            return AwsUriEncoding.Reencode(wirePath, encodeSlash: false);
        }

        var path = normalize ? RemoveDotAndEmptySegments(wirePath) : wirePath;
        return AwsUriEncoding.Encode(path, encodeSlash: false);
    }

    private static string RemoveDotAndEmptySegments(string path)
    {
        var kept = new List<string>();
        var segments = path.Split('/');
        var endsInDirectory = path.EndsWith('/');
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (kept.Count > 0)
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }

                    continue;
                default:
                    kept.Add(segment);
                    break;
            }
        }

        if (segments.Length > 0 && segments[^1] is "." or "..")
        {
            endsInDirectory = true;
        }

        if (kept.Count == 0)
        {
            return "/";
        }

        return "/" + string.Join('/', kept) + (endsInDirectory ? "/" : "");
    }
}
