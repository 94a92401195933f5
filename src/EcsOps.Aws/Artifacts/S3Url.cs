namespace EcsOps.Aws.Artifacts;

/// <summary>
/// An <c>s3://bucket/key</c> address: an object when <see cref="Key"/> names one, a prefix (folder) when it is empty or
/// ends with <c>/</c>.
/// </summary>
public sealed record S3Url
{
    private const string Scheme = "s3://";

    public S3Url(string bucket, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(key);
        Bucket = bucket;
        Key = key;
    }

    public string Bucket { get; }

    /// <summary>The object key, or the prefix; never starts with <c>/</c>.</summary>
    public string Key { get; }

    /// <summary>Parses <c>s3://bucket[/key]</c>.</summary>
    /// <exception cref="FormatException">Not an s3:// address with a bucket name.</exception>
    public static S3Url Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}' is not an S3 address: write s3://bucket/prefix");
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        if (!IsBucketName(bucket))
        {
            throw new FormatException(
                $"'{text}' has no valid bucket name: 3–63 lowercase letters, digits, dots and hyphens, after s3://");
        }

        return new S3Url(bucket, key.TrimStart('/'));
    }

    /// <summary>An object under this prefix: <c>prefix/name</c> (no doubled slash).</summary>
    public S3Url Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new S3Url(Bucket, Key.Length == 0 || Key.EndsWith('/') ? Key + name : $"{Key}/{name}");
    }

    /// <summary>A sibling object whose key is this key plus <paramref name="suffix"/>.</summary>
    public S3Url WithSuffix(string suffix) => new(Bucket, Key + suffix);

    /// <summary>The prefix to list for this folder: the key with one trailing <c>/</c>, or empty for the whole bucket.</summary>
    public string FolderPrefix => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    /// <summary>The last path segment of the key.</summary>
    public string FileName => Key[(Key.LastIndexOf('/') + 1)..];

    public override string ToString() => Key.Length == 0 ? $"{Scheme}{Bucket}" : $"{Scheme}{Bucket}/{Key}";

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
}
